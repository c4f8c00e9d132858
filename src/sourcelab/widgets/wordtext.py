"""A sentence as running text whose words a student marks by clicking, dragging or with the keyboard.

Built on anywidget (a small, well-kept way to ship a custom widget as one ES module, with no JupyterLab build
step): ipywidgets has no widget that shows text with its punctuation and still reports which words were
pointed at. The browser side (wordtext.js) only says which words; what a mark means stays in Python.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import anywidget
import traitlets

HERE = Path(__file__).parent
ACTIONS = ("toggle", "mark")  # toggle: unmark if every word is marked already, else mark; mark: always mark

# (word numbers, action) -> None: what the view does when the student points at words
WordsListener = Callable[[list[int], str], None]


class WordText(anywidget.AnyWidget):
    _esm = HERE / "wordtext.js"
    _css = HERE / "wordtext.css"
    tokens = traitlets.List().tag(sync=True)  # [text, word number or -1 for the text between words]
    marks = traitlets.Dict().tag(sync=True)  # str(word number) -> part ("source", "cue", "framing")
    part_names = traitlets.Dict().tag(sync=True)  # part -> what screen readers say ("source")
    label = traitlets.Unicode("").tag(sync=True)  # what the sentence is, for screen readers

    def __init__(self, tokens: Sequence[tuple[str, int]], on_words: WordsListener, label: str,
                 part_names: dict[str, str], **kwargs: Any) -> None:
        super().__init__(tokens=[list(t) for t in tokens], label=label, part_names=part_names, **kwargs)
        self.count = sum(1 for _text, index in tokens if index >= 0)
        self._on_words = on_words
        self.on_msg(self._received)

    def _received(self, _widget: Any, content: Any, _buffers: Any) -> None:
        """A message from the browser: checked, since anything could send it, then handed to the view."""
        if not isinstance(content, dict) or content.get("action") not in ACTIONS:
            return
        words = content.get("words")
        if not isinstance(words, list) or not words:
            return
        picked = sorted({w for w in words if isinstance(w, int) and not isinstance(w, bool) and 0 <= w < self.count})
        if picked:
            self._on_words(picked, content["action"])

    def point(self, words: Sequence[int], action: str = "toggle") -> None:
        """Point at words from code exactly as a click (one word), a drag (a run) or a key would."""
        self._received(self, {"words": list(words), "action": action}, [])
