"""One Layout and one Style model per look, shared by every widget that looks that way.

ipywidgets gives each widget a Layout model of its own and most of them a Style model too, even when they only
hold the defaults: two more models for the kernel to open and the browser to build, per widget. A lesson of 250
widgets made 800 models. Made through `make`, widgets of one look share one Layout and one Style, and show the
same. A shared layout or style must never be changed through one widget (that changes all of them): a widget
whose layout or style changes later is made with ipywidgets directly.

`classes` are given at construction for the same reason: `add_class` afterwards is one more message per widget.
"""
from __future__ import annotations

from typing import Any, TypeVar

import ipywidgets as widgets

W = TypeVar("W", bound=widgets.Widget)

_SHARED: dict[tuple[type, tuple[tuple[str, Any], ...]], widgets.Widget] = {}


def shared(kind: type[W], **traits: Any) -> W:
    """The one open `kind(**traits)` (a Layout or a Style) of this kernel."""
    key = (kind, tuple(sorted(traits.items())))
    model = _SHARED.get(key)
    if model is None or model.comm is None:  # first use, or closed (Widget.close_all): a new one
        model = _SHARED[key] = kind(**traits)
    return model  # type: ignore[return-value]


def look(kind: type[widgets.Widget], layout: dict[str, Any] | None = None, style: dict[str, Any] | None = None,
         classes: tuple[str, ...] = ()) -> dict[str, Any]:
    """The traits that give a `kind` of widget the shared Layout of `layout`, the shared Style of `style` (if the
    kind has a style) and the CSS `classes`: for `make`, and for the kit's own widget classes, which pass them to
    super().__init__ themselves."""
    traits: dict[str, Any] = {"layout": shared(widgets.Layout, **(layout or {})), "_dom_classes": tuple(classes)}
    style_trait = kind.class_traits().get("style")
    if style_trait is not None:
        traits["style"] = shared(style_trait.klass, **(style or {}))
    elif style:
        raise TypeError(f"{kind.__name__} has no style")
    return traits


def make(kind: type[W], *args: Any, layout: dict[str, Any] | None = None, style: dict[str, Any] | None = None,
         classes: tuple[str, ...] = (), **traits: Any) -> W:
    """`kind(*args, **traits)` with the shared Layout of `layout`, the shared Style of `style` (if `kind` has a
    style), and the CSS `classes`."""
    return kind(*args, **look(kind, layout, style, classes), **traits)


def box_traits(*classes: str) -> dict[str, Any]:
    """The shared default layout and the CSS `classes`, for the boxes the kit subclasses."""
    return look(widgets.Box, classes=classes)
