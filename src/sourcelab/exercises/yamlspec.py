"""YAML that remembers where each mapping stood, so a problem can name its line."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem
from ..readers import read_yaml


class LineDict(dict):
    """A YAML mapping plus the 1-based line of the mapping and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


def read_spec(path: Path, problems: list[Problem]) -> Any:
    """The parsed file with line numbers on every mapping, or None with a Problem naming the line."""
    return read_yaml(path, problems, loader=_LineLoader)
