"""A seeded fuzzer of seeds folders: mutations of the shipped seeds, each validated by kg.

Each case is a small self-contained world cut from ``seeds/`` (one person with the organisations
and sources the person's file names, and theirs in turn), with one mutation applied: a line
deleted, duplicated or re-indented, a value of the wrong type, a key misspelt, a reference or a date
or an id broken, bytes that are not UTF-8, control characters, binary, an alias bomb, a truncated
file, or a file that cannot be read (a symlink loop, a dangling link, a pipe, a folder loop).

A case survives when kg either accepts the folder or rejects it with every message at
``path:line`` on one line naming a file of the folder; a traceback (any exception other than
kg's :class:`DataError`), a hang (over ``hang_seconds``) or a message without ``path:line`` is a
failure. ``run(cases, seed)`` returns the counts; the suite runs a few hundred cases and
``tests/benchmarks/bench_fuzz.py`` ten thousand and more.
"""

from __future__ import annotations

import os
import random
import re
import resource
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
_LOCATED = re.compile(r"^(?P<path>[^\n]+?):(?P<line>[1-9]\d*): [^\n]+$")


@dataclass
class Outcome:
    area: str
    kind: str  # accepted, located, unlocated, traceback, hang
    detail: str = ""


@dataclass
class Summary:
    tried: dict[str, int] = field(default_factory=dict)
    accepted: dict[str, int] = field(default_factory=dict)
    located: dict[str, int] = field(default_factory=dict)
    failures: list[Outcome] = field(default_factory=list)
    peak_mb: float = 0.0
    seconds: float = 0.0

    def add(self, outcome: Outcome) -> None:
        self.tried[outcome.area] = self.tried.get(outcome.area, 0) + 1
        if outcome.kind == "accepted":
            self.accepted[outcome.area] = self.accepted.get(outcome.area, 0) + 1
        elif outcome.kind == "located":
            self.located[outcome.area] = self.located.get(outcome.area, 0) + 1
        else:
            self.failures.append(outcome)

    def count(self, kind: str) -> int:
        return sum(1 for failure in self.failures if failure.kind == kind)


class _Hang(Exception):
    pass


# -- the worlds cut from the shipped seeds ----------------------------------------------------------


class Worlds:
    """Every shipped seeds file by the ids it defines, and the ids each file refers to."""

    def __init__(self, seeds: Path = SEEDS):
        self.files: dict[Path, bytes] = {}
        self.defines: dict[str, Path] = {}
        self.refers: dict[Path, set[str]] = {}
        for path in sorted(seeds.rglob("*.yaml")):
            data = path.read_bytes()
            self.files[path] = data
            document = yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
            refs: set[str] = set()
            for records in document.values():
                for record in records or []:
                    if isinstance(record, dict) and isinstance(record.get("id"), str):
                        self.defines[record["id"]] = path
                    _collect(record, refs)
            self.refers[path] = refs
        self.people = sorted(p for p in self.files if p.parent.name == "people")

    def world(self, person_file: Path, limit: int = 40) -> list[Path]:
        """A person's file and the files of everything it names, transitively, up to ``limit`` files."""
        chosen = [person_file]
        seen = {person_file}
        index = 0
        while index < len(chosen) and len(chosen) < limit:
            for ref in sorted(self.refers[chosen[index]]):
                path = self.defines.get(ref)
                if path and path not in seen and len(chosen) < limit:
                    seen.add(path)
                    chosen.append(path)
            index += 1
        return chosen


def _collect(value, refs: set[str]) -> None:
    if isinstance(value, str):
        refs.add(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "id":
                _collect(item, refs)
    elif isinstance(value, list):
        for item in value:
            _collect(item, refs)


# -- mutations ----------------------------------------------------------------------------------------

#: A mutation takes the RNG and a file's bytes and returns new bytes (or a marker for the file system).
Mutation = Callable[[random.Random, bytes], "bytes | str"]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _line_edit(edit):
    def mutate(rng: random.Random, data: bytes) -> bytes:
        lines = _lines(data)
        index = rng.randrange(len(lines))
        return b"\n".join(edit(rng, lines, index))

    return mutate


def _delete(rng, lines, i):
    return lines[:i] + lines[i + 1 :]


def _duplicate(rng, lines, i):
    return lines[: i + 1] + [lines[i]] + lines[i + 1 :]


def _swap(rng, lines, i):
    j = rng.randrange(len(lines))
    lines = list(lines)
    lines[i], lines[j] = lines[j], lines[i]
    return lines


def _indent(rng, lines, i):
    lines = list(lines)
    lines[i] = b" " * rng.choice([1, 2, 3, 5, 8]) + lines[i] if rng.random() < 0.6 else lines[i].lstrip(b" ")[: len(lines[i])]
    return lines


def _tab(rng, lines, i):
    lines = list(lines)
    lines[i] = b"\t" + lines[i].lstrip(b" ")
    return lines


_VALUES = [
    b"42", b"-1", b"3.5", b"1e400", b".nan", b".inf", b"null", b"~", b"true", b"[]", b"{}", b"[a, b]", b"{a: 1}", b"''",
    b"'~2017'", b"2025-13-45", b"2024-02-30", b"'2030'", b"~", b"0x1F", b"!!binary aGVsbG8=", b"!!set {a, b}",
    b"!!timestamp 2001-12-14", b"!!python/object/apply:os.system ['echo pwned']", b"!!str", b"&x y", b"*nothing",
    b"|\n  block\n  text", b">\n  folded", b"\"\\x00\\x1b[2J\\x07\"", b"\"\\u202e evil\"", b"'" + b"x" * 5000 + b"'",
    b"NO", b"yes", b"off", b"-", b"?", b":", b"@at", b"`tick", b"%percent", b"'unterminated", b"\"unterminated",
]


def _value(rng, lines, i):
    lines = list(lines)
    line = lines[i]
    if b":" in line:
        key, _, _ = line.partition(b":")
        lines[i] = key + b": " + rng.choice(_VALUES)
    else:
        lines[i] = line + b" " + rng.choice(_VALUES)
    return lines


def _key(rng, lines, i):
    lines = list(lines)
    line = lines[i]
    key, sep, rest = line.partition(b":")
    if sep:
        stripped = key.lstrip(b" -")
        prefix = key[: len(key) - len(stripped)]
        choices = [stripped[:-1], stripped + b"s", stripped.upper(), b"unknown_key", stripped[::-1], b"", b"[k]", b"1", b"? x"]
        lines[i] = prefix + rng.choice(choices) + sep + rest
    return lines


def _reference(rng, lines, i):
    lines = list(lines)
    candidates = [n for n, line in enumerate(lines) if re.search(rb"(org|school|acquirer|target|sources|to|offered_by|parent|leads|people): ", line)]
    if candidates:
        n = rng.choice(candidates)
        key, _, value = lines[n].partition(b": ")
        lines[n] = key + b": " + rng.choice([value[:-1], value + b"x", b"no-such-id", b"[" + value.strip(b"[]") + b", ghost]", b"UPPER-ID", b"a_b"])
    return lines


def _date(rng, lines, i):
    lines = list(lines)
    candidates = [n for n, line in enumerate(lines) if re.search(rb"(start|end|date|founded|born): ", line)]
    if candidates:
        n = rng.choice(candidates)
        key, _, _ = lines[n].partition(b": ")
        lines[n] = key + b": " + rng.choice([b"2025-00", b"1899", b"3000", b"2020-02-31", b"~~2017", b"2017~", b"'2019-1'", b"last year", b"2024-06-31", b"20245", b"-2020"])
    return lines


def _ident(rng, lines, i):
    lines = list(lines)
    candidates = [n for n, line in enumerate(lines) if re.search(rb"\bid: ", line)]
    if candidates:
        n = rng.choice(candidates)
        key, _, value = lines[n].partition(b": ")
        lines[n] = key + b": " + rng.choice([b"Bad Id", b"double--hyphen", b"-lead", b"trail-", "ünï".encode(), b"", value + value, b"x" * 300])
    return lines


class Expect(bytes):
    """Mutated bytes that kg must reject at a known line."""

    line: int = 0


def _inserted(data: bytes, position: int, extra: bytes) -> Expect:
    result = Expect(data[:position] + extra + data[position:])
    result.line = data.count(b"\n", 0, position) + 1
    return result


def _invalid_utf8(rng, data: bytes) -> bytes:
    position = rng.randrange(len(data) + 1)
    return _inserted(data, position, rng.choice([b"\xff", b"\xc3", b"\xe9", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x80\x80"]))


def _control(rng, data: bytes) -> bytes:
    position = rng.randrange(len(data) + 1)
    return _inserted(data, position, rng.choice([b"\x00", b"\x1b[2J", b"\x07", b"\x08", b"\x7f", b"\x1b]0;title\x07", b"\xef\xbf\xbe", b"\x0c"]))


def _encoding(rng, data: bytes) -> bytes:
    text = data.decode("utf-8")
    return rng.choice([
        lambda: text.encode("utf-16"),
        lambda: text.encode("utf-32"),
        lambda: b"\xef\xbb\xbf" + data,
        lambda: data.replace(b"\n", b"\r\n"),
        lambda: data.replace(b"\n", b"\r"),
        lambda: text.encode("latin-1", "replace"),
        lambda: data.replace(b"\n", "\u2028".encode()),
    ])()


def _binary(rng, data: bytes) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2000)))


def _truncate(rng, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _bomb(rng, data: bytes) -> bytes:
    width, depth = rng.choice([(9, 9), (10, 7), (3, 30), (50, 4), (2, 40)])
    lines = [b"a0: &a0 [" + b",".join([b"lol"] * width) + b"]"]
    for level in range(1, depth):
        lines.append(b"a%d: &a%d [" % (level, level) + b",".join([b"*a%d" % (level - 1)] * width) + b"]")
    bomb = b"\n".join(lines) + b"\n"
    top = b"a%d" % (depth - 1)
    in_record = bomb.replace(b"\n" + top + b": ", b"\npeople:\n  - id: bomb\n    name: ", 1).replace(b"\na", b"\n_a")
    return rng.choice([bomb, data + b"\n" + bomb, b"sources:\n  - id: s\n    title: t\n    publisher: p\n" + b"x: " + bomb, _bomb_in_value(width, depth)])


def _bomb_in_value(width: int, depth: int) -> bytes:
    """Anchors inside one record's field, so that validating the record would walk the expansion."""
    lines = [b"people:", b"  - id: bomb", b"    name: Bomb", b"    sources: [s]", b"    aliases:"]
    lines.append(b"      - &a0 [" + b",".join([b"lol"] * width) + b"]")
    for level in range(1, depth):
        lines.append(b"      - &a%d [" % level + b",".join([b"*a%d" % (level - 1)] * width) + b"]")
    return b"\n".join(lines) + b"\n"


def _aliases(rng, data: bytes) -> bytes:
    return rng.choice([
        b"people:\n  - &p {id: a, name: A, sources: [s]}\n" + b"".join(b"  - *p\n" for _ in range(rng.randrange(50, 400))),
        b"a: &a [*a]\n",
        b"a: &a {b: *a}\n",
        b"x: " + b"[" * rng.randrange(30, 1200) + b"]" * 5,
        b"x:\n" + b"".join(b"  " * n + b"- \n" for n in range(1, rng.randrange(20, 200))),
    ])


def _structure(rng, data: bytes) -> bytes:
    return rng.choice([
        b"", b"# only a comment\n", b"---\n" + data + b"\n---\n" + data, b"- a list\n- not a mapping\n", b"just text\n",
        b"people: 3\n", b"people:\n  - 3\n", b"people:\n  - [a]\n", b"? [a, b]\n: c\n", b"1: one\n", b"null: x\n",
        data.replace(b"people:", b"persons:", 1), data + data, b"%YAML 1.1\n---\n" + data, b"%TAG ! tag:evil.com,2000:\n---\n!x 1\n",
    ])


#: Mutations of a file's bytes, by area.
BYTE_MUTATIONS: dict[str, list[Mutation]] = {
    "lines": [_line_edit(_delete), _line_edit(_duplicate), _line_edit(_swap)],
    "indentation": [_line_edit(_indent), _line_edit(_tab)],
    "types": [_line_edit(_value)],
    "keys": [_line_edit(_key)],
    "references": [_line_edit(_reference)],
    "dates": [_line_edit(_date)],
    "ids": [_line_edit(_ident)],
    "encodings": [_invalid_utf8, _control, _encoding],
    "binary": [_binary, _truncate],
    "alias bombs": [_bomb, _aliases],
    "structure": [_structure],
}
#: Files the file system itself makes unreadable.
FILE_SYSTEM = ["symlink loop", "dangling symlink", "folder loop", "named pipe", "folder named .yaml"]
AREAS = [*BYTE_MUTATIONS, "files"]


def _place(rng: random.Random, folder: Path, kind: str) -> Path | None:
    """Make the file system trouble; the path kg must name, if any."""
    target = folder / f"extra-{rng.randrange(10**6)}.yaml"
    if kind == "symlink loop":
        target.symlink_to(target.name)
    elif kind == "dangling symlink":
        target.symlink_to("nowhere.yaml")
    elif kind == "folder loop":
        (folder / "sub").mkdir(exist_ok=True)
        (folder / "sub" / "back").symlink_to("..")
        return folder / "sub" / "back"
    elif kind == "named pipe":
        os.mkfifo(target)
    else:
        target.mkdir()
        (target / "inner.yaml").write_bytes(b"# nothing\n")
        return None
    return target


# -- running ----------------------------------------------------------------------------------------------


def run(cases: int, seed: int = 0, hang_seconds: int = 20, worlds: Worlds | None = None, progress: Callable[[int], None] | None = None) -> Summary:
    """Validate ``cases`` mutated folders, with the same cases for the same ``seed``."""
    from kg.errors import DataError
    from kg.seeds import load_seeds

    worlds = worlds or Worlds()
    rng = random.Random(seed)
    summary = Summary()
    started = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="kg-fuzz-"))
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for number in range(cases):
            area = AREAS[number % len(AREAS)]
            folder = scratch / f"case-{number}"
            names, expected = _write_case(rng, worlds, folder, area)
            try:
                signal.alarm(hang_seconds)
                try:
                    load_seeds(folder)
                finally:
                    signal.alarm(0)
                if expected:
                    summary.add(Outcome(area, "unlocated", f"case {number} (seed {seed}): accepted without a word; expected {expected[0]}…"))
                else:
                    summary.add(Outcome(area, "accepted"))
            except DataError as err:
                summary.add(_judge(area, err, names, expected))
            except _Hang:
                summary.add(Outcome(area, "hang", f"case {number} (seed {seed})"))
            except Exception as err:  # what a user would have seen as a traceback
                summary.add(Outcome(area, "traceback", f"case {number} (seed {seed}): {type(err).__name__}: {str(err)[:200]}"))
            shutil.rmtree(folder, ignore_errors=True)
            if progress:
                progress(number + 1)
    finally:
        signal.signal(signal.SIGALRM, previous)
        shutil.rmtree(scratch, ignore_errors=True)
    summary.seconds = time.perf_counter() - started
    summary.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return summary


def _alarm(signum, frame):
    raise _Hang()


def _write_case(rng: random.Random, worlds: Worlds, folder: Path, area: str) -> set[str]:
    from kg.locations import display

    files = worlds.world(rng.choice(worlds.people), limit=rng.choice([5, 12, 40]))
    expected: list[str] = []  # the start of a message kg must print
    folder.mkdir(parents=True)
    # references, dates and ids are all in the person's own file; other mutations hit any file
    victim = 0 if area in ("references", "dates", "ids") else rng.randrange(len(files))
    for index, path in enumerate(files):
        data = worlds.files[path]
        target = folder / path.relative_to(SEEDS)
        if index == victim and area in BYTE_MUTATIONS:
            data = rng.choice(BYTE_MUTATIONS[area])(rng, data)
            if isinstance(data, Expect):
                expected.append(f"{display(target)}:{data.line}: ")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if area == "files":
        placed = _place(rng, folder, rng.choice(FILE_SYSTEM))
        if placed:
            expected.append(f"{display(placed)}:1: ")
    names = {display(path) for path in folder.rglob("*")} | {display(folder / "sub" / "back")}
    return names, expected


def _judge(area: str, err, names: set[str], expected: list[str]) -> Outcome:
    """Every message at path:line of a file in the folder, on one line; the expected ones among them."""
    texts = [str(problem) for problem in err.problems]
    for text in texts:
        match = _LOCATED.match(text)
        if not match or match.group("path") not in names:
            return Outcome(area, "unlocated", text[:300])
    for start in expected:
        if not any(text.startswith(start) for text in texts):
            return Outcome(area, "unlocated", f"no message at {start}: {' | '.join(texts)[:300]}")
    return Outcome(area, "located")
