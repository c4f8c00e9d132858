"""The package's imports flow one way: data -> model -> engine -> views -> notebooks (docs/developing.md).

Read from the source with `ast`, so a wrong import fails here before anyone trips over a cycle or finds
ipywidgets loaded by a test of the grading. Imports under `if TYPE_CHECKING:` are for type hints only and
are left out; imports inside functions count (they run when the function does).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sourcelab"

# Lowest first. A module may import its own layer and the layers below it, never one above.
LAYERS: dict[str, tuple[str, ...]] = {
    "base": ("_version", "errors", "config", "style", "atomic", "locking"),
    "model": ("model", "evidence", "segment", "wording"),
    "reading": ("readers", "cells", "passages", "released_data", "validation", "context_files", "layers", "chains"),
    "engine": ("exercises", "exercises.*"),
    "analysis": ("voices", "fallbacks", "render", "diagrams", "figures", "drafting", "packs", "offsets", "timing"),
    "storage": ("loading", "progress", "submission", "figure_cache"),
    "report": ("report", "report.*"),
    "course": ("course", "release"),
    "widgets": ("widgets", "widgets.*"),
    "face": ("notebook", "cli", "lab_settings", "__init__", "__main__"),
}
PURE = ("model", "reading", "engine")  # no widgets, no charts, no settings: tested and used anywhere
FORBIDDEN_IN_PURE = ("ipywidgets", "matplotlib", "sourcelab.config")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1]) if parts[-1] == "__init__" and len(parts) > 1 else ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    for number, patterns in enumerate(LAYERS.values()):
        for pattern in patterns:
            if module == pattern or (pattern.endswith(".*") and module.startswith(pattern[:-1])):
                return number
    raise AssertionError(f"sourcelab.{module} is in no layer: add it to LAYERS in {Path(__file__).name}")


def _type_checking_only(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def imports(module: str) -> set[str]:
    """What `module` imports: sourcelab modules without the prefix, other packages by their top name."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_only(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                if node.module and node.module.startswith("sourcelab"):
                    base = node.module.removeprefix("sourcelab").lstrip(".") or "__init__"
                else:
                    found.add((node.module or "").split(".")[0])
                    continue
            else:
                anchor = package.split(".") if package else []
                anchor = anchor[:len(anchor) - (node.level - 1)] if node.level > 1 else anchor
                base = ".".join([*anchor, *([node.module] if node.module else [])]) or "__init__"
            for alias in node.names:  # `from . import tracing` imports a module, not a name
                target = f"{base}.{alias.name}" if base != "__init__" else alias.name
                found.add(target if target in MODULES else base)
    found.discard(module)
    return found


def internal(module: str) -> set[str]:
    return {m for m in imports(module) if m in MODULES}


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_upward_import(module: str) -> None:
    upward = sorted(m for m in internal(module) if layer_of(m) > layer_of(module))
    names = list(LAYERS)
    assert not upward, (f"sourcelab.{module} ({names[layer_of(module)]}) imports "
                        + ", ".join(f"{m} ({names[layer_of(m)]})" for m in upward))


@pytest.mark.parametrize("module", sorted(m for m in MODULES if list(LAYERS)[layer_of(m)] in PURE))
def test_engine_and_model_stay_pure(module: str) -> None:
    everything = imports(module) | {f"sourcelab.{m}" for m in internal(module)}
    assert not everything & set(FORBIDDEN_IN_PURE), f"sourcelab.{module} imports {everything & set(FORBIDDEN_IN_PURE)}"


def test_no_import_cycles() -> None:
    graph = {m: internal(m) for m in MODULES}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = path[path.index(module):] + [module]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_the_walk_sees_what_it_must() -> None:
    """The checks above are only as good as the import walk: it must see relative, package and lazy imports."""
    assert "exercises.tracing" in internal("exercises.registry")  # from . import tracing
    assert "model" in internal("exercises.base")  # from ..model import Annotation
    assert "ipywidgets" in imports("widgets.choice")
    assert "report.build" in internal("course")  # imported inside a method
    assert "report.build" not in internal("widgets.report_view")  # only under TYPE_CHECKING
