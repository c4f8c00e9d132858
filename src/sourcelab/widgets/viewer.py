"""The attribution viewer: the article with switchable layers and a sentence inspector."""
from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as widgets

from ..model import Annotation
from ..render import render_article, render_details, render_facts, render_legend
from ..style import LAYERS, LAYER_KEYS
from .looks import box_traits, make

CHOOSE_SENTENCE = "— choose a sentence —"


def _preview(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class ArticleViewer(widgets.VBox):
    """Layers start off so students predict before they reveal; every toggle is keyboard-usable."""

    def __init__(self, annotation: Annotation, layers: Iterable[str] = ()) -> None:
        self.annotation = annotation
        on = set(layers)
        self.toggles = {
            layer.key: make(widgets.ToggleButton, value=layer.key in on, description=layer.label,
                            tooltip=f"Show {layer.label.lower()}: {layer.meaning}", layout={"width": "auto"},
                            classes=(f"sl-layer-{layer.key}",))
            for layer in LAYERS
        }
        for toggle in self.toggles.values():
            toggle.observe(self._refresh, names="value")
        legend, article, details = self._views(None)  # shown as made: no update to send right after
        self.legend = make(widgets.HTML, legend)
        self.article = make(widgets.HTML, article, classes=("sl-article-widget",))
        options = [(CHOOSE_SENTENCE, None)] + [
            (f"{s.id} (¶{s.paragraph}): {_preview(s.text)}", s.id) for s in annotation.sentences]
        self.picker = make(widgets.Dropdown, options=options, index=0, description="Sentence:",  # shows CHOOSE_SENTENCE
                           layout={"width": "100%", "max_width": "46em"})
        self.picker.observe(self._refresh, names="value")
        self.details = make(widgets.HTML, details)
        bar = make(widgets.HBox, list(self.toggles.values()), layout={"flex_flow": "row wrap"})
        if annotation.display_only:  # an assessment copy: the plain article with its numbers, nothing more
            super().__init__([self.article, self.picker], **box_traits("sl-viewer"))
        else:
            super().__init__([make(widgets.HTML, "<b>Layers</b> (switch on and off):"), bar, self.legend,
                              self.article, self.picker, self.details], **box_traits("sl-viewer"))

    @property
    def active_layers(self) -> list[str]:
        return [key for key in LAYER_KEYS if self.toggles[key].value]

    def _views(self, selected: str | None) -> tuple[str, str, str]:
        active = self.active_layers
        details = "" if self.annotation.display_only else render_details(self.annotation, selected)
        return render_legend(active), render_article(self.annotation, active, selected), details

    def _refresh(self, _change: object = None) -> None:
        self.legend.value, self.article.value, details = self._views(self.picker.value)
        if not self.annotation.display_only:
            self.details.value = details


def article_facts(annotation: Annotation) -> widgets.HTML:
    """What we know and do not know about where the article comes from."""
    return make(widgets.HTML, render_facts(annotation), classes=("sl-facts-widget",))
