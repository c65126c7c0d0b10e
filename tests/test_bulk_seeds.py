"""Bulk seeds files (thousands of records to a file) read fast, to the same records and graph as
curated one-record files, and still report every problem at its line."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))

from generate import generate, write_yaml  # noqa: E402

from kg.seeds import FAST_READ_BYTES, load_seeds  # noqa: E402
from kg.store import build_graph, statistics  # noqa: E402


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One generated world written twice: in bulk files, and one record to a file."""
    data = generate(400, seed=3)
    bulk, single = tmp_path_factory.mktemp("bulk"), tmp_path_factory.mktemp("single")
    write_yaml(data, bulk, per_file=100_000)
    write_yaml(data, single, per_file=1)
    return bulk, single


def test_bulk_files_are_read_fast(world):
    bulk, single = world
    people = bulk / "people" / "people-0000.yaml"
    assert people.stat().st_size >= FAST_READ_BYTES
    assert load_seeds(bulk).files_read_fast == 2  # people and organisations; the rest are small
    assert load_seeds(single).files_read_fast == 0


def test_bulk_and_single_files_give_the_same_records_and_graph(world):
    bulk, single = world
    fast, careful = load_seeds(bulk), load_seeds(single)
    for section in ("sources", "organizations", "people", "deals", "rounds"):
        assert {i: r.model_dump() for i, r in getattr(fast, section).items()} == {
            i: r.model_dump() for i, r in getattr(careful, section).items()
        }, section
    assert statistics(build_graph(bulk)).rows == statistics(build_graph(single)).rows


def test_where_a_bulk_record_was_written_is_found_when_asked(world):
    bulk, _ = world
    dataset = load_seeds(bulk)
    text = (bulk / "people" / "people-0000.yaml").read_text(encoding="utf-8").splitlines()
    path, line = dataset.locations["person-0000123"]
    assert (Path(path).name, text[line - 1]) == ("people-0000.yaml", "- id: \"person-0000123\"")
    path, line = dataset.locations["person-0000123/roles/0"]
    assert text[line - 1].startswith("  - ") and "roles:" in text[line - 2]


def _bulk_with(world, tmp_path, old: str, new: str) -> tuple[Path, int]:
    """The bulk world with one text replaced in the people file, and the line of the replacement."""
    bulk, _ = world
    folder = tmp_path / "seeds"
    for path in bulk.rglob("*.yaml"):
        target = folder / path.relative_to(bulk)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    people = folder / "people" / "people-0000.yaml"
    text = people.read_text(encoding="utf-8")
    assert text.count(old) == 1
    people.write_text(text.replace(old, new), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    return folder, line


def test_a_problem_in_a_bulk_file_is_reported_at_its_line(kg, world, tmp_path):
    folder, line = _bulk_with(world, tmp_path, "- id: \"person-0000300\"\n", "- id: \"person-0000300\"\n  nickname: Ace\n")
    result = kg("validate", str(folder))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{folder}/people/people-0000.yaml:{line + 1}: person 'person-0000300': unknown key 'nickname'",
        "error: 1 error(s) in the seeds",
    ]


def test_text_the_fast_reader_could_read_differently_is_read_carefully(kg, world, tmp_path):
    # YAML 1.1 reads a plain 1_000 as the number 1000 (the careful reader, and kg's rules); YAML 1.2
    # as text. The fast reader gives the file up, so the number is refused where a note needs text.
    folder, line = _bulk_with(world, tmp_path, "- id: \"person-0000300\"\n", "- id: \"person-0000300\"\n  note: 1_000\n")
    result = kg("validate", str(folder))
    assert result.stderr.splitlines() == [
        f"{folder}/people/people-0000.yaml:{line + 1}: person 'person-0000300': note: expected text, got 1000",
        "error: 1 error(s) in the seeds",
    ]
