"""Reading YAML while remembering the line of every mapping, key and list item.

Curators get errors as ``path:line``, so the reader keeps positions that PyYAML's plain ``load``
throws away. It also reads the seeds conservatively: dates stay text (``2025-02`` is a partial
date, not a day), only ``true``/``false`` are booleans (so the country code ``NO`` stays ``NO``),
and a key given twice in one mapping is an error rather than a silent overwrite.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(ValueError):
    """A YAML text that cannot be read; ``line`` is 1-based."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


class LineDict(dict):
    """A mapping with ``line`` (its own first line) and ``key_lines`` (the line of each key)."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list):
    """A sequence with ``line`` and ``item_lines`` (the line of each item)."""

    line: int = 0
    item_lines: list[int]


class _SeedLoader(_Loader):  # type: ignore[misc, valid-type]
    pass


_SeedLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SeedLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _SeedLoader, node: yaml.MappingNode, deep: bool = False) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise YamlProblem(f"a key must be text, not {key!r}", key_node.start_mark.line + 1)
        if key in result:
            raise YamlProblem(f"key {key!r} appears twice in one mapping", key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _SeedLoader, node: yaml.SequenceNode, deep: bool = False) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_SeedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_SeedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_yaml(text: str) -> Any:
    """Parse one YAML document into :class:`LineDict`/:class:`LineList`; raise :class:`YamlProblem`."""
    try:
        return yaml.load(text, Loader=_SeedLoader)  # noqa: S506 - a safe loader subclass
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        reason = err.problem or err.context or "malformed YAML"
        raise YamlProblem(f"malformed YAML: {reason}", line) from None
    except yaml.YAMLError as err:
        raise YamlProblem(f"malformed YAML: {err}", 1) from None


def line_of(document: Any, path: tuple, default: int) -> int:
    """The line of the deepest node along ``path`` (keys and indexes) that the document has."""
    line = getattr(document, "line", default) or default
    node = document
    for step in path:
        if isinstance(node, LineDict) and isinstance(step, str) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line
