"""Seeds an attacker or an unlucky curator could write: bounded YAML, every problem at path:line on
one line, files that cannot be read named, the same suggestions on every run, and a seeded fuzzer."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_validation import ORGS, SOURCE, check


def bomb(width: int = 9, depth: int = 9) -> str:
    lines = ["people:", "  - id: bomb", "    name: Bomb", "    sources: [src]", "    aliases:"]
    lines.append("      - &a0 [" + ",".join(["lol"] * width) + "]")
    for level in range(1, depth):
        lines.append(f"      - &a{level} [" + ",".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_it_expands(kg, write_seeds):
    assert len(bomb().encode()) < 600
    started = time.perf_counter()
    check(kg, write_seeds, {"people.yaml": bomb()}, [
        "people.yaml:1: anchors and aliases expand this file by about 10^8 values, more than the 10,000 kg reads; write the values out",
        "error: 1 error(s) in the seeds",
    ])
    assert time.perf_counter() - started < 30  # before the fix: minutes and gigabytes; a safety net, not a benchmark


def test_a_few_aliases_are_fine_and_too_many_are_refused(kg, write_seeds):
    few = "people:\n  - id: p\n    name: P\n    sources: &s [src]\n    roles:\n      - {org: acme, kind: employee, sources: *s}\n"
    folder = write_seeds({"sources.yaml": SOURCE, "orgs.yaml": ORGS, "people.yaml": few})
    assert kg("validate", str(folder)).exit_code == 0
    many = "people:\n  - id: p\n    name: P\n    sources: &s [src]\n    aliases: [" + ", ".join(["*s"] * 101) + "]\n"
    check(kg, write_seeds, {"people.yaml": many}, [
        "people.yaml:4: more than 100 aliases in one file (the last to the value at this line); write the values out",
        "error: 1 error(s) in the seeds",
    ])


def test_an_alias_inside_itself_and_deep_nesting_are_refused(kg, write_seeds):
    check(kg, write_seeds, {"a.yaml": "people: &a [*a]\n", "b.yaml": "people:\n" + "".join("  " * n + "-\n" for n in range(1, 60))}, [
        "a.yaml:1: an alias refers to a value that contains it",
        "b.yaml:41: nested more than 40 levels deep; a seeds record needs far fewer",
        "error: 2 error(s) in the seeds",
    ])


def test_a_huge_value_is_named_not_printed(kg, write_seeds):
    huge = "people:\n  - id: p\n    name: [" + ", ".join(["x" * 50] * 500) + "]\n    sources: [src]\n    born: '" + "9" * 10_000 + "'\n"
    check(kg, write_seeds, {"people.yaml": huge}, [
        "people.yaml:3: person 'p': name: expected text, got a LineList of 500 items",
        "people.yaml:5: person 'p': born: not a partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD, ~ for approximate): "
        "'999999999999999999999999999999999999999999999999999999999999999999999999999999… (10,002 characters)",
        "error: 2 error(s) in the seeds",
    ])


def test_control_characters_and_bad_bytes_are_reported_at_their_own_line(kg, tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "sources.yaml").write_text(SOURCE.lstrip("\n"), encoding="utf-8")
    (folder / "orgs.yaml").write_bytes(ORGS.lstrip("\n").encode().replace(b"name: Globex", b"name: Glo\x1b[2Jbex"))
    (folder / "more.yaml").write_bytes(b"people:\n  - id: p\n\n    name: Caf\xe9\n")
    (folder / "nul.yaml").write_bytes(b"# a comment\r\n# another\r\npeople: \x00\n")
    result = kg("validate", str(folder))
    assert result.stderr.replace(str(folder) + "/", "").splitlines() == [
        "more.yaml:4: not UTF-8 text: byte 0xe9 at column 14 is not valid UTF-8",
        "nul.yaml:3: control character U+0000 at column 9: YAML does not allow it in a file (write it as an escape in a double-quoted string)",
        "orgs.yaml:3: control character U+001B at column 27: YAML does not allow it in a file (write it as an escape in a double-quoted string)",
        "sources.yaml:2: warning: source 'src' is never cited",
        "error: 3 error(s) in the seeds",
    ]
    assert result.exit_code == 1


def test_files_that_cannot_be_read_are_named(kg, write_seeds):
    folder = write_seeds({"sources.yaml": SOURCE, "orgs.yaml": ORGS})
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "gone.yaml").symlink_to("nowhere.yaml")
    os.mkfifo(folder / "pipe.yaml")  # reading it would wait for ever
    (folder / "sub").mkdir()
    (folder / "sub" / "back").symlink_to("..")
    result = kg("validate", str(folder))
    assert result.stderr.replace(str(folder) + "/", "").splitlines() == [
        "gone.yaml:1: cannot be read (a symlink to nothing)",
        "loop.yaml:1: cannot be read (a symlink loop)",
        "pipe.yaml:1: not a regular file (a pipe, socket or device); not read",
        f"sub/back:1: symlink loop: it leads back to {folder}, which is read already",
        "error: 4 error(s) in the seeds",
    ]
    assert result.exit_code == 1


def test_a_file_without_read_permission_is_named(tmp_path):
    """Run as an unprivileged user (root reads every file), in a real process."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 and not setpriv:
        pytest.skip("needs setpriv to drop to an unprivileged user")
    folder = Path(tempfile.mkdtemp(prefix="kg-unreadable-"))
    try:
        folder.chmod(0o755)
        (folder / "sources.yaml").write_text(SOURCE.lstrip("\n"), encoding="utf-8")
        (folder / "secret.yaml").write_text(ORGS.lstrip("\n"), encoding="utf-8")
        for path in folder.iterdir():
            path.chmod(0o644)
        (folder / "secret.yaml").chmod(0o000)
        prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "kg", "validate", str(folder)],
            cwd=folder, env={"PATH": os.environ["PATH"], "KG_NO_CACHE": "1", "PYTHONPATH": str(ROOT)},
            capture_output=True, text=True, timeout=120,
        )
    finally:
        shutil.rmtree(folder)
    assert result.stderr.splitlines() == [
        "secret.yaml:1: cannot be read (permission denied)",
        "sources.yaml:2: warning: source 'src' is never cited",
        "error: 1 error(s) in the seeds",
    ]
    assert result.returncode == 1


def test_suggestions_are_the_same_on_every_run(write_seeds):
    """Equal scores are broken by name, whatever order the candidates come in (hash seeds differ per process)."""
    from kg.names import closest

    names = ["src-ab", "src-aa", "src-ac", "src-ad"]
    assert closest("src-a", names) == closest("src-a", list(reversed(names))) == closest("src-a", set(names)) == ["src-aa", "src-ab", "src-ac"]
    folder = write_seeds({
        "sources.yaml": "sources:\n" + "".join(f"  - {{id: {n}, title: T, publisher: P, language: en, kind: press}}\n" for n in names),
        "orgs.yaml": "organizations:\n  - {id: acme, name: Acme, kind: startup, sources: [src-a, src-ab, src-aa, src-ac, src-ad]}\n",
    })
    outputs = {
        subprocess.run([sys.executable, "-m", "kg", "validate", str(folder)], cwd=ROOT, capture_output=True, text=True,
                       env={**os.environ, "PYTHONHASHSEED": str(seed), "KG_NO_CACHE": "1"}).stderr
        for seed in (1, 2, 3)
    }
    assert outputs == {f"{folder}/orgs.yaml:2: organization 'acme': unknown source 'src-a'; did you mean 'src-aa', 'src-ab', 'src-ac'?\nerror: 1 error(s) in the seeds\n"}


def test_fuzzed_seeds_never_crash_hang_or_lose_their_place():
    """A small seeded run of the fuzzer (the long one is tests/benchmarks/bench_fuzz.py)."""
    from tests import seed_fuzz

    summary = seed_fuzz.run(240, seed=12, hang_seconds=20)
    assert summary.failures == []
    assert sum(summary.tried.values()) == 240
    assert set(summary.tried) == set(seed_fuzz.AREAS)
    assert sum(summary.located.values()) > 150  # most mutations break something, and are reported where they do


# -- the graph cache ------------------------------------------------------------------------------------


def test_the_cache_key_walk_sees_exactly_the_files_the_reader_reads(tmp_path):
    """The stat walk a cold start checks the cached graph with lists the files build reads, in
    their order (names that sort one way as text and another by folder), with their sizes; a
    file it cannot look at is listed without them."""
    from kg.seed_files import read_seed_files, seed_file_states

    folder = tmp_path / "seeds"
    for name, text in {"a/x.yaml": "a: 1\n", "a-b/x.yaml": "b: 22\n", "a.yaml": "c: 333\n", "z/deep/y.yml": "d\n",
                       "notes.txt": "not read\n", "z/.hidden.yaml": "e: 1\n", "z/..yaml": "g: 1\n", "z/.yaml": "not read\n"}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "gone.yaml").symlink_to("nowhere.yaml")
    (folder / "linked").symlink_to(folder / "a")  # a folder read already: named, not read twice
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "w.yaml").write_text("f: 1\n", encoding="utf-8")
    (folder / "ext").symlink_to(tmp_path / "outside")  # followed
    (folder / "z" / "back").symlink_to("..")
    read = read_seed_files(folder)
    states = seed_file_states(folder)
    assert [name for name, _, _ in states] == [str(file.path.relative_to(folder)) for file in read] == [
        "a/x.yaml", "a-b/x.yaml", "a.yaml", "ext/w.yaml", "gone.yaml", "linked", "z/..yaml", "z/.hidden.yaml", "z/back", "z/deep/y.yml",
    ]
    sizes = {name: size for name, size, _ in states}
    assert [sizes[str(file.path.relative_to(folder))] for file in read if file.data is not None] == [
        len(file.data) for file in read if file.data is not None
    ]
    assert sizes["gone.yaml"] is None


def test_touching_a_seeds_file_changes_the_tree_state(tmp_path):
    from kg.store import _tree_state
    from tests.conftest import MINI

    folder = tmp_path / "seeds"
    shutil.copytree(MINI, folder)
    before = _tree_state(folder)
    assert _tree_state(folder) == before
    people = folder / "people.yaml"
    os.utime(people, ns=(people.stat().st_atime_ns, people.stat().st_mtime_ns + 1_000_000))
    assert _tree_state(folder) != before


def test_the_cache_never_files_a_graph_under_another_contents_key(tmp_path):
    """A seeds file flips between two contents while graphs are built and cached, over and over; every
    cached graph must be the one of the content its key names, and the last state must be answered."""
    import pickle
    import threading

    from kg.store import fingerprint, open_graph
    from tests.conftest import MINI

    folder = tmp_path / "seeds"
    shutil.copytree(MINI, folder)
    people = folder / "people.yaml"
    text = people.read_text(encoding="utf-8")
    contents = {"Ada Quill": text, "Ada Changed": text.replace("name: Ada Quill", "name: Ada Changed")}
    assert contents["Ada Changed"] != text

    def write(content: str) -> None:
        temporary = people.with_suffix(".tmp")
        temporary.write_text(content, encoding="utf-8")
        os.replace(temporary, people)

    keys = {}
    for name, content in contents.items():
        write(content)
        keys[fingerprint(folder)] = name
    cache = tmp_path / "cache"
    stop = threading.Event()

    def flip() -> None:
        while not stop.is_set():
            for content in contents.values():
                write(content)
                time.sleep(0.002)

    flipper = threading.Thread(target=flip)
    os.environ["KG_CACHE_DIR"] = str(cache)
    try:
        flipper.start()
        for _ in range(40):
            open_graph(folder)
        stop.set()
        flipper.join()
        for name, content in contents.items():
            write(content)
            assert open_graph(folder).node("ada-quill")["name"] == name
    finally:
        stop.set()
        os.environ.pop("KG_CACHE_DIR")
    stored = sorted(cache.glob("graph-*.pickle"))
    assert {path.stem.removeprefix("graph-") for path in stored} == set(keys)
    for path in stored:
        with path.open("rb") as handle:
            assert pickle.load(handle).node("ada-quill")["name"] == keys[path.stem.removeprefix("graph-")]


def test_the_generator_writes_seeds_that_validate(kg, tmp_path):
    """tests/benchmarks/generate.py N --write DIR: careers in order, every reference known."""
    folder = tmp_path / "generated"
    written = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "benchmarks" / "generate.py"), "600", "--write", str(folder)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert written.returncode == 0, written.stderr
    result = kg("validate", str(folder))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"ok: {folder}: 50 sources, 200 organizations, 600 people, 2 deals, 301 funding rounds, 0 offers; 0 warning(s)\n"


def test_tags_seeds_have_no_use_for_are_refused_at_their_line(kg, write_seeds):
    """PyYAML itself crashed on ``!!timestamp x`` (found by the fuzzer): tags are checked before anything is built."""
    people = (
        "people:\n  - id: p\n    name: !!timestamp x\n    sources: [src]\n"
        "  - id: q\n    name: Q\n    born: !!int soon\n    sources: [src]\n"
        "  - id: r\n    name: !!python/object/apply:os.system [echo]\n    sources: [src]\n"
    )
    check(kg, write_seeds, {"people.yaml": people}, [
        "people.yaml:3: the tag '!!timestamp' is not used in seeds; write the value plainly",
        "error: 1 error(s) in the seeds",
    ])
    check(kg, write_seeds, {"people.yaml": people.replace("!!timestamp x", "P")}, [
        "people.yaml:7: 'soon' is not a valid !!int",
        "error: 1 error(s) in the seeds",
    ])
