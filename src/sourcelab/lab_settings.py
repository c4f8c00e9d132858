"""Write JupyterLab's app settings for the kit (`make setup` runs this into the environment's overrides.json).

Two parts:
- the kit's config/jupyterlab/overrides.json as it is (no news, no update checks);
- the notebook's single-key command-mode shortcuts, kept from firing while the keyboard focus is inside a cell's
  output. JupyterLab treats a focused drop-down menu or radio button like the cell itself: the arrow keys move to
  another cell and letters insert, cut or delete cells, so a student working by keyboard cannot choose in a menu
  (JupyterLab sets its guard, jp-mod-readWrite, only for text fields). Each such shortcut is disabled and added
  again with ``:not(.jp-OutputArea-output *)`` appended to its selector, read from the installed schemas, so
  the keys still work on cells as before and a new JupyterLab's shortcuts are handled as they come.

It lives in the package, not in tools/, because a student copy made by `release` sets itself up the same way.

Usage: python -m sourcelab.lab_settings BASE_FILE OUT_FILE
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

SHORTCUTS = "@jupyterlab/shortcuts-extension:shortcuts"
OUTSIDE_OUTPUTS = ":not(.jp-OutputArea-output *)"
GUARDED = ("jp-mod-commandMode", "data-jp-kernel-user")  # command-mode and kernel shortcuts on any focused element


def schemas_dir() -> Path:
    return Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"


def focus_shortcuts(schemas: Path) -> list[dict]:
    """Default shortcuts that fire on whatever element has the focus in a notebook (selector ending in :focus)."""
    found = []
    for path in sorted(schemas.glob("@jupyterlab/*/*.json")):
        for shortcut in json.loads(path.read_text(encoding="utf-8")).get("jupyter.lab.shortcuts", []):
            selector = shortcut.get("selector", "")
            if (any(g in selector for g in GUARDED) and " :focus" in selector and shortcut.get("keys")
                    and any(shortcut["keys"]) and not shortcut.get("disabled")):
                found.append(shortcut)
    return found


def settings(base: Path, schemas: Path) -> dict:
    out = json.loads(Path(base).read_text(encoding="utf-8"))
    entries = []
    for shortcut in focus_shortcuts(schemas):
        base = {"command": shortcut["command"], "keys": shortcut["keys"]}
        if "args" in shortcut:
            base["args"] = shortcut["args"]
        entries.append({**base, "selector": shortcut["selector"], "disabled": True})
        entries.append({**base, "selector": shortcut["selector"] + OUTSIDE_OUTPUTS})
    out[SHORTCUTS] = {"shortcuts": entries}
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    schemas = schemas_dir()
    if not schemas.is_dir():
        print(f"JupyterLab's schemas are not in {schemas}: install jupyterlab first (make setup)", file=sys.stderr)
        return 1
    target = Path(argv[1])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(settings(Path(argv[0]), schemas), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
