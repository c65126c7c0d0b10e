"""Reading YAML while remembering the line of every mapping, key and list item.

Curators get errors as ``path:line``, so the reader keeps positions that PyYAML's plain ``load``
throws away. It also reads the seeds conservatively: dates stay text (``2025-02`` is a partial
date, not a day), only ``true``/``false`` are booleans (so the country code ``NO`` stays ``NO``),
and a key given twice in one mapping is an error rather than a silent overwrite.

It is bounded: a file may use a few anchors and aliases (a list of sources written once), but
not so many that a small file expands into a huge one (a "billion laughs" alias bomb), nor nest
deeper than any record needs, and text YAML forbids (control characters) is refused at its line.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Any

import yaml

from kg.errors import shown

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Aliases (``*name``) one file may hold.
MAX_ALIASES = 100
#: Values aliases may add to a file beyond those written in it.
MAX_EXPANSION = 10_000
#: Levels of nesting a file may have (a record with claims needs about six).
MAX_DEPTH = 40

#: What YAML allows in a stream (its "printable" set); anything else is refused at its line.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Line breaks as YAML counts them, so lines found here agree with the parser's.
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


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
    def get_single_data(self) -> Any:
        # checked on the composed nodes, before anything is built from them
        node = self.get_single_node()
        if node is None:
            return None
        _check_bounds(node)
        _check_tags(self, node)
        return self.construct_document(node)


def _check_bounds(root: yaml.Node) -> None:
    """Refuse too many aliases, too much expansion, or too deep nesting (iteratively: no recursion)."""
    size: dict[int, int] = {}  # id(node) -> values it expands to
    aliases = 0
    seen_first: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    on_path: set[int] = set()
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(child)] for child in _children(node))
            continue
        if depth > MAX_DEPTH:
            raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep; a seeds record needs far fewer", node.start_mark.line + 1)
        if key in seen_first:  # a node met again is an alias of it
            aliases += 1
            if aliases > MAX_ALIASES:
                raise YamlProblem(
                    f"more than {MAX_ALIASES} aliases in one file (the last to the value at this line); write the values out",
                    node.start_mark.line + 1,
                )
            if key in on_path:
                raise YamlProblem("an alias refers to a value that contains it", node.start_mark.line + 1)
            continue
        seen_first.add(key)
        on_path.add(key)
        stack.append((node, depth, True))
        for child in reversed(_children(node)):
            stack.append((child, depth + 1, False))
    extra = size[id(root)] - len(seen_first)
    if extra > MAX_EXPANSION:
        raise YamlProblem(
            f"anchors and aliases expand this file by {_rounded(extra)} values, more than the {MAX_EXPANSION:,} kg reads; write the values out",
            root.start_mark.line + 1,
        )


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "null", "bool")}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _check_tags(loader, root: yaml.Node) -> None:
    """Refuse tags seeds have no use for (!!timestamp, !!binary, !!set …) and tags the value does not fit
    (``!!int x``), at their line, before anything is built (PyYAML would crash on some of them)."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        line = node.start_mark.line + 1
        short = node.tag.replace("tag:yaml.org,2002:", "!!")
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _PLAIN_TAGS:
                raise YamlProblem(f"the tag {shown(short)} is not used in seeds; write the value plainly", line)
            if node.tag != "tag:yaml.org,2002:str" and loader.resolve(yaml.ScalarNode, node.value, (True, False)) != node.tag:
                raise YamlProblem(f"{shown(node.value)} is not a valid {short}", line)
        elif node.tag not in _COLLECTION_TAGS:
            raise YamlProblem(f"the tag {shown(short)} is not used in seeds; write the value plainly", line)
        stack.extend(reversed(_children(node)))  # in document order: the first problem is the one reported


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _rounded(count: int) -> str:
    return f"{count:,}" if count < 10**7 else f"about 10^{len(str(count)) - 1}"


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
            raise YamlProblem(f"a key must be text, not {shown(key)}", key_node.start_mark.line + 1)
        if key in result:
            raise YamlProblem(f"key {shown(key)} appears twice in one mapping", key_node.start_mark.line + 1)
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


def decode_yaml(data: bytes) -> str:
    """The text of a seeds file; :class:`YamlProblem` at the line of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start].decode("utf-8")
        line = line_at(before, len(before))
        column = len(_BREAK.split(before)[-1]) + 1
        raise YamlProblem(f"not UTF-8 text: byte 0x{data[err.start]:02x} at column {column} is not valid UTF-8", line) from None


def read_yaml(text: str) -> Any:
    """Parse one YAML document into :class:`LineDict`/:class:`LineList`; raise :class:`YamlProblem`."""
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        column = len(_BREAK.split(text[: bad.start()])[-1]) + 1
        raise YamlProblem(
            f"control character U+{ord(bad.group()):04X} at column {column}: YAML does not allow it in a file "
            "(write it as an escape in a double-quoted string)",
            line_at(text, bad.start()),
        )
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


#: Text the careful reader may read differently from the fast one, or that only it reports well:
#: anchors, aliases, tags and directives, more than one document, and number forms YAML 1.1 and
#: 1.2 disagree on (``0o17``, ``1e9``).
_FAST_REFUSES = re.compile(r"[&*!%]|^(?:---|\.\.\.)|(?<![\w.-])[-+]?(?:0[xXoObB]|[0-9][0-9_]*(?:\.[0-9_]*)?[eE]|\.[0-9_]+[eE])", re.M)


def _pairs_table() -> bytes:
    """A byte map under which every number form ``_FAST_REFUSES`` finds shows as ``De``, ``Ze``
    or ``Zx``: ``0`` to ``Z``, other digits, ``_`` and ``.`` to ``D``, ``E`` to ``e``, and the
    letters of ``0x``, ``0o`` and ``0b`` to ``x`` (UTF-8 writes no other character with these bytes)."""
    table = bytearray(range(256))
    for byte in b"123456789_.":
        table[byte] = ord("D")
    table[ord("0")], table[ord("E")] = ord("Z"), ord("e")
    for byte in b"xXoObB":
        table[byte] = ord("x")
    return bytes(table)


_PAIRS = _pairs_table()


def _fast_refuses(text: str) -> bool:
    """Whether ``_FAST_REFUSES`` finds anything in the text. The expression takes a quarter of a
    second to scan a 4 MB file; most files are cleared by a byte map and substring tests instead,
    and only a file they cannot clear is scanned."""
    data = text.encode("utf-8", "surrogatepass")
    mapped = data.translate(_PAIRS)
    maybe = (
        any(character in data for character in (b"&", b"*", b"!", b"%"))
        or data.startswith((b"---", b"..."))
        or b"\n---" in data
        or b"\n..." in data
        or b"De" in mapped
        or b"Ze" in mapped
        or b"Zx" in mapped
    )
    return maybe and _FAST_REFUSES.search(text) is not None


#: The patterns by which the careful reader types plain text, by the text's first character.
_IMPLICIT = {first: [regexp for _, regexp in resolvers] for first, resolvers in _SeedLoader.yaml_implicit_resolvers.items() if resolvers}


def _typed_if_plain(text: str) -> bool:
    """Whether the careful reader would read this text, written plainly, as something else than text."""
    patterns = _IMPLICIT.get(text[:1])
    if patterns is None:  # most text: names, ids, titles
        return False
    if text[:1].isdigit():
        return _typed_number_like(text)  # dates and years, a few thousand among millions of values
    return any(regexp.match(text) for regexp in patterns)


@lru_cache(maxsize=1 << 16)
def _typed_number_like(text: str) -> bool:
    return any(regexp.match(text) for regexp in _IMPLICIT[text[:1]])


@lru_cache(maxsize=4096)
def _quoted_to_stay_text(text: str) -> bool:
    """Whether text both readers would type when plain came back as text only because it was quoted
    (``'2015'``); text only the careful reader types (``010``, ``1_000``) may have been plain."""
    import ryaml

    try:
        return not isinstance(ryaml.loads(f"x: {text}")["x"], str)
    except Exception:  # noqa: BLE001
        return False


def read_yaml_fast(text: str) -> Any:
    """The document as :func:`read_yaml` reads it, without lines, by a parser many times faster; or
    ``None`` when the text holds anything the two could read differently, or anything wrong (read it
    with :func:`read_yaml`, which says where).

    The careful reader stays the reference: this one gives up on anchors, tags, several documents,
    number forms YAML 1.1 and 1.2 disagree on, and text that the careful reader would have typed
    (a quoted ``"010"`` looks to this one like the plain ``010``), so both give the same values or
    this one gives none.
    """
    if _fast_refuses(text) or _NOT_PRINTABLE.search(text):
        return None
    import ryaml

    try:
        document = ryaml.loads(text)
    except Exception:  # noqa: BLE001 - any problem is the careful reader's to report, at its line
        return None
    return document if _plainly_read(document, 1) else None


def _plainly_read(value: Any, depth: int) -> bool:
    """Whether every key is text and no text is one the careful reader would have typed; text
    values are interned on the way (ids, dates and titles recur across thousands of records)."""
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, str):
        return _reads_as_text(value)
    if isinstance(value, dict):
        if not all(isinstance(key, str) and _reads_as_text(key) for key in value):
            return False
        slots: Any = value.items()
    elif isinstance(value, list):
        slots = enumerate(value)
    else:
        return value is None or isinstance(value, (bool, int, float))
    for slot, item in slots:
        if isinstance(item, str):
            if not _reads_as_text(item):
                return False
            value[slot] = sys.intern(item)
        elif not _plainly_read(item, depth + 1):
            return False
    return True


def _reads_as_text(text: str) -> bool:
    """Whether both readers read this text as this text."""
    return not _typed_if_plain(text) or _quoted_to_stay_text(text)


def line_at(text: str, offset: int) -> int:
    """The 1-based line of a character offset, counting line breaks as YAML does."""
    return len(_BREAK.findall(text, 0, offset)) + 1


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
