"""The kit's one look: layer names, the colour-blind-safe palette and the CSS every view shares.

Colours are from the Okabe-Ito palette (safe for the common colour-vision deficiencies), and every
layer also has a marker that is not a colour (bold, underline style, outline, a text badge), so
colour is never the only signal.
"""
from __future__ import annotations

from dataclasses import dataclass

OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "black": "#000000",
}


@dataclass(frozen=True)
class LayerStyle:
    key: str
    label: str  # what the toggle says
    css_class: str
    colour: str
    marker: str  # the non-colour signal, in words, for the legend
    meaning: str  # what the layer shows, for the legend and the toggle's tooltip


LAYERS: tuple[LayerStyle, ...] = (
    LayerStyle("sources", "Sources", "sl-source", OKABE_ITO["blue"], "bold, thick solid underline",
               "who is speaking: the person, institution or unnamed source a claim comes from"),
    LayerStyle("cues", "Cues", "sl-cue", OKABE_ITO["vermillion"], "italic, dotted box",
               "the words that signal speech: reporting verbs such as said, insisted, denied"),
    LayerStyle("quotes", "Direct quotes", "sl-quote", OKABE_ITO["bluish_green"], "shaded, double underline",
               "words in quotation marks: the speaker's own words"),
    LayerStyle("narration", "Narration", "sl-narration", OKABE_ITO["yellow"], "shaded sentence with a NARRATION or MIXED label",
               "sentences in the writer's own voice (mixed: partly)"),
    LayerStyle("framing", "Framing words", "sl-framing", OKABE_ITO["reddish_purple"], "wavy underline",
               "word choices that shape the reader's view without a source, and claims reworded from "
               "sentence to sentence"),
)
LAYER_KEYS = tuple(layer.key for layer in LAYERS)

# ipywidgets' "success" green (#388E3C) under white text has a contrast of 4.1:1, below the 4.5:1 of WCAG AA; the
# kit's green buttons (Export my answers, Make my report card) use this darker green: 5.1:1.
BUTTON_GREEN = "#2E7D32"
FOCUS_RING = OKABE_ITO["blue"]  # 5.1:1 on white, 4.4:1 on the widgets' light grey buttons: seen on both


def layer(key: str) -> LayerStyle:
    for item in LAYERS:
        if item.key == key:
            return item
    raise KeyError(f"unknown layer {key!r}; choose from {', '.join(LAYER_KEYS)}")


# Prose the kit writes into widgets (exercise titles and prompts, items, feedback, hints, status lines, the viewer's
# details, cards) reads like the notebook's own Markdown: JupyterLab's content font, size and line height (ipywidgets
# would give 13 px on 28 px lines), and, for the blocks that run the cell's width, Markdown's column: the cell less
# the 20 px that .jp-RenderedHTMLCommon keeps on the right. The article (.sl-article) keeps its own typography.
PROSE = ".sl-exercise, .sl-item-text, .sl-feedback, .sl-hint, .sl-score, .sl-details, .sl-cards"
PROSE_COLUMN = ".sl-exercise, .sl-item-text, .sl-feedback, .sl-hint, .sl-score"
# Keyboard focus on the kit's controls: a thick ring in the palette's blue (ipywidgets draws a 1 px light-blue
# outline on buttons, only recolours the border of menus, and removes the outline of text boxes with !important, so
# the selector starts at the output area to outweigh ".jupyter-widget-text input[type='text']").
FOCUSABLE = ", ".join(f".jp-OutputArea-output {scope} :focus-visible" for scope in (
    ".sl-exercise-view", ".sl-viewer", ".sl-student-box", ".sl-export-box", ".sl-reveal-box", ".sl-card-deck"))

CSS = f"""
.sl-article {{ font-family: Georgia, 'Times New Roman', serif; font-size: 1.05em; line-height: 1.9;
  max-width: 46em; padding: 0.5em 1em; }}
.sl-article p {{ margin: 0 0 0.9em 0; }}
.sl-para-no {{ font-family: sans-serif; font-size: 0.7em; color: #666; margin-right: 0.4em; user-select: none; }}
.sl-source {{ font-weight: 700; border-bottom: 3px solid {OKABE_ITO['blue']}; }}
.sl-cue {{ font-style: italic; outline: 2px dotted {OKABE_ITO['vermillion']}; outline-offset: 1px; }}
.sl-quote {{ background-color: rgba(0, 158, 115, 0.16);
  text-decoration: underline double {OKABE_ITO['bluish_green']}; text-underline-offset: 4px; }}
.sl-framing {{ text-decoration: underline wavy {OKABE_ITO['reddish_purple']}; text-decoration-thickness: 2px;
  text-underline-offset: 5px; }}
.sl-sentence.sl-narration {{ background-color: rgba(240, 228, 66, 0.45); }}
.sl-sentence.sl-mixed {{ background-color: rgba(240, 228, 66, 0.2); border-bottom: 1px dashed #8a7f00; }}
.sl-badge {{ font-family: sans-serif; font-size: 0.65em; font-weight: 700; letter-spacing: 0.05em;
  background: #333; color: #fff; border-radius: 3px; padding: 0 0.35em; margin-right: 0.3em;
  vertical-align: 0.15em; }}
.sl-sentence.sl-selected {{ outline: 2px solid #000; outline-offset: 2px; }}
.sl-legend {{ font-family: sans-serif; font-size: 0.9em; display: flex; flex-wrap: wrap; gap: 0.4em 1.4em;
  margin: 0.3em 0 0.6em 0; }}
.sl-legend-off {{ color: #555; }}
.sl-legend-off .sl-mark, .sl-legend-off .sl-sentence {{ border-color: #767676; outline-color: #767676;
  text-decoration-color: #767676; background-color: #eee; }}
.sl-details {{ font-family: sans-serif; border-left: 4px solid #333; padding: 0.2em 0.9em; max-width: 46em; }}
.sl-details dt {{ font-weight: 700; margin-top: 0.4em; }}
.sl-details dd {{ margin-left: 1em; }}
.sl-note {{ border-left: 4px dashed {OKABE_ITO['orange']}; padding-left: 0.6em; }}
.sl-facts dt {{ font-weight: 700; }}
.sl-exercise h3 {{ margin: 0.2em 0; }}
.sl-item-id {{ font-family: sans-serif; font-size: 0.8em; font-weight: 700; color: #555; margin-right: 0.4em; }}
.sl-feedback {{ padding: 0.25em 0.6em; margin: 0.2em 0 0.6em 0; border-left: 4px solid #999; }}
.sl-feedback-right {{ border-left-color: {OKABE_ITO['bluish_green']}; background: rgba(0, 158, 115, 0.08); }}
.sl-feedback-partial {{ border-left: 4px dashed {OKABE_ITO['orange']}; background: rgba(230, 159, 0, 0.08); }}
.sl-feedback-wrong {{ border-left: 4px dotted {OKABE_ITO['vermillion']}; background: rgba(213, 94, 0, 0.07); }}
.sl-feedback-recorded {{ border-left: 4px solid #555; background: rgba(0, 0, 0, 0.04); }}
.sl-verdict {{ font-weight: 700; margin-right: 0.3em; }}
.sl-answer {{ margin-top: 0.3em; font-style: italic; }}
.sl-score {{ font-weight: 700; }}
.sl-hint {{ border-left: 4px solid {OKABE_ITO['sky_blue']}; padding-left: 0.6em; }}
.sl-cards {{ display: flex; flex-wrap: wrap; gap: 0.8em; max-width: 60em; }}
.sl-card {{ border: 1px solid #999; border-top: 4px solid #333; border-radius: 4px; padding: 0.4em 0.8em;
  width: 26em; background: #fff; }}
.sl-card-kind {{ font-size: 0.75em; font-weight: 700; letter-spacing: 0.04em; text-transform: uppercase; color: #444; }}
.sl-card-id {{ font-family: monospace; font-size: 0.85em; color: #555; float: right; }}
.sl-card blockquote {{ font-family: Georgia, 'Times New Roman', serif; margin: 0.4em 0; padding-left: 0.6em;
  border-left: 3px solid {OKABE_ITO['bluish_green']}; }}
.sl-card small {{ color: #444; }}
.sl-renderings {{ font-family: sans-serif; border-collapse: collapse; max-width: 60em; }}
.sl-renderings th, .sl-renderings td {{ border: 1px solid #999; padding: 0.3em 0.6em; text-align: left;
  vertical-align: top; }}
.sl-renderings td.sl-rendering-text {{ font-family: Georgia, 'Times New Roman', serif; }}
.sl-grid-head {{ font-family: sans-serif; font-weight: 700; padding: 0.2em 0; border-bottom: 2px solid #333; }}
.sl-grid-issue {{ font-family: sans-serif; line-height: 1.4; border-top: 1px solid #999; padding-top: 0.3em; }}
.sl-grid-issue ul {{ list-style: none; padding: 0; margin: 0.3em 0 0 0; font-size: 0.92em; }}
.sl-grid-issue li {{ margin: 0.15em 0; }}
.sl-grid-letter {{ font-weight: 700; border: 1px solid #333; border-radius: 3px; padding: 0 0.3em; }}
.sl-grid-cell {{ border-top: 1px solid #999; padding-top: 0.3em; }}
.sl-grid-marks {{ list-style: none; padding: 0; margin: 0.2em 0; font-family: sans-serif; font-size: 0.88em;
  line-height: 1.35; }}
.sl-grid-marks li {{ margin: 0; }}
.sl-grid-mark-right {{ color: #00694d; }}
.sl-grid-mark-wrong {{ color: #a33f00; }}
.sl-grid-mark-partial {{ color: #7a5300; }}
.sl-grid-detail {{ font-family: sans-serif; margin-top: 0.6em; }}
.sl-table {{ font-family: sans-serif; border-collapse: collapse; font-size: 0.92em; }}
.sl-table th, .sl-table td {{ border-bottom: 1px solid #bbb; padding: 0.25em 0.7em; text-align: right; }}
.sl-table th {{ font-weight: 700; }}
.sl-table-box {{ overflow-x: auto; }}
.sl-differs {{ background: rgba(230, 159, 0, 0.25); border-bottom: 2px dashed {OKABE_ITO['orange']}; }}
{PROSE} {{ font-family: var(--jp-content-font-family, system-ui, sans-serif);
  font-size: var(--jp-content-font-size1, 14px); line-height: var(--jp-content-line-height, 1.6); }}
{PROSE_COLUMN} {{ margin-right: 20px; }}
.sl-item-text {{ font-family: Georgia, 'Times New Roman', serif; }}
.sl-sr-only {{ position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }}
{FOCUSABLE} {{ outline: 3px solid {FOCUS_RING} !important; outline-offset: 2px !important; }}
"""


def style_tag() -> str:
    return f"<style>{CSS}</style>"
