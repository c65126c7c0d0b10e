"""The bulk path: ``kg export --to neo4j-import`` files, imported by the real ``neo4j-admin database
import full`` into a database of their own, hold the graph ``kg load`` writes (property for property,
on the shipped seeds) and answer every catalogue question with the same rows (which
tests/test_parity.py shows ``kg load``'s graph gives), on the shipped seeds and on a generated
10,000-person graph."""

from __future__ import annotations

import sys

import pytest

from kg.backends.embedded import EmbeddedBackend
from kg.backends.neo4j import Neo4jBackend, Settings, load
from kg.neo4j_import import ARRAY_DELIMITER, write_import_set
from kg.questions import CATALOGUE, run
from tests.conftest import MINI, ROOT, SEEDS, seeds_elements
from tests.test_neo4j import LIVE, leftovers, snapshot
from tests.test_parity import cases_for

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))


class Imported:
    """A server of its own on a database made by the importer from a dataset's export."""

    def __init__(self, dataset, home):
        from tests.neo4j_server import launcher

        ok, why = launcher.available()
        if not ok:
            pytest.skip(f"no Neo4j server for the tests: {why}")
        self.files = write_import_set(dataset, home / "import")
        launcher.import_full(home / "server", self.files.command()[1:])
        self.server = launcher.start(home / "server")
        self.settings = Settings(uri=self.server.uri, user=self.server.user, password=self.server.password)
        apply_schema(self.settings)  # the importer writes no indexes: cypher/schema.cypher, as the README says
        self.backend = Neo4jBackend(self.settings)

    def close(self) -> None:
        self.backend.close()
        self.server.stop()


def counts(settings: Settings) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes per label and relationships per type of the live graph (kg's own label left out)."""
    backend = Neo4jBackend(settings)
    try:
        _, labels = backend.read(f"{LIVE} UNWIND labels(n) AS label WITH label WHERE label <> 'KgNode' RETURN label, count(*) AS n")
        _, types = backend.read(f"{LIVE} MATCH (n)-[r]->() RETURN type(r) AS type, count(*) AS n")
    finally:
        backend.close()
    return {row["label"]: row["n"] for row in labels}, {row["type"]: row["n"] for row in types}


def apply_schema(settings: Settings) -> None:
    from kg.backends.neo4j import driver, schema_statements

    handle = driver(settings)
    try:
        with handle.session(database=settings.database) as session:
            for statement in schema_statements():
                session.run(statement).consume()
    finally:
        handle.close()


#: Cases per question: tests/test_parity.py runs them all on kg load's graph; the snapshot shows the
#: imported graph is that graph, so a few per question show the catalogue's Cypher reads it the same.
CASES = 4


def same_answers(name: str, cases: list[dict], imported, expected_backend) -> int:
    """How many of a question's cases answered rows, asserting each is answered the same on both.

    The cases are a few that have rows and one that has none, when there are such.
    """
    answered = empty = 0
    for params in cases:
        expected = run(expected_backend, name, params)
        if (answered if expected.rows else empty) >= (CASES - 1 if expected.rows else 1):
            continue
        actual = run(imported, name, params)
        assert (actual.rows, actual.notes, actual.answer) == (expected.rows, expected.notes, expected.answer), (name, params)
        answered, empty = answered + bool(expected.rows), empty + (not expected.rows)
        if answered == CASES - 1 and empty == 1:
            break
    return answered


@pytest.mark.neo4j
def test_the_imported_shipped_graph_is_the_loaded_one_and_kg_load_replaces_it(neo4j_graphs, shipped_graph, mini_graph, tmp_path):
    from kg.seeds import load_seeds

    imported = Imported(load_seeds(SEEDS), tmp_path)
    try:
        neo4j_graphs.backend("shipped", seeds_elements(SEEDS))
        assert snapshot(imported.settings) == snapshot(neo4j_graphs.settings)
        _, live = imported.backend.read("MATCH (live:KgLive) RETURN live.name AS name, live.nodes AS nodes, live.relationships AS rels")
        assert live == [{"name": "live", "nodes": imported.files.nodes, "rels": imported.files.relationships}]
        cases = cases_for(shipped_graph, seed=5)
        for name in sorted(CATALOGUE):
            assert same_answers(name, cases[name], imported.backend, EmbeddedBackend(shipped_graph)) > 0, f"{name} answered nothing"

        report = load(seeds_elements(MINI)(), imported.settings)
        assert (report.previous_nodes, report.previous_relationships) == (imported.files.nodes, imported.files.relationships)
        assert leftovers(imported.settings) == 0
        assert counts(imported.settings) == mini_graph.counts()
    finally:
        imported.close()


@pytest.mark.neo4j
def test_the_imported_generated_graph_answers_as_the_embedded_one(tmp_path):
    """10,000 generated people: the same labels and types, and every catalogue question the same rows."""
    from generate import generate

    from kg.graph_model import build_elements
    from kg.store import TalentGraph

    dataset = generate(10_000)
    graph = TalentGraph(build_elements(dataset))
    imported = Imported(dataset, tmp_path)
    try:
        assert counts(imported.settings) == graph.counts()
        cases = cases_for(graph, seed=9)
        for name in sorted(CATALOGUE):
            answered = same_answers(name, cases[name], imported.backend, EmbeddedBackend(graph))
            if name not in ("attempted_deals", "offers"):  # the generator makes no failed deals and no offers
                assert answered > 0, f"{name} answered nothing on the generated graph"
    finally:
        imported.close()


# -- the files themselves, without a server ---------------------------------------------------------


def test_export_writes_typed_headers_and_one_file_per_label_set_and_type(kg, tmp_path):
    result = kg("export", "--to", "neo4j-import", str(tmp_path / "out"), "--seeds", str(MINI))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out"
    names = sorted(path.name for path in folder.iterdir())
    assert names[:4] == ["nodes-Deal.csv", "nodes-Deal.header.csv", "nodes-FundingRound.csv", "nodes-FundingRound.header.csv"]
    assert "nodes-Organization-Startup.csv" in names and "relationships-WORKED_AT.header.csv" in names
    assert (folder / "relationships-WORKED_AT.header.csv").read_text(encoding="utf-8") == (
        ":START_ID(kg),:END_ID(kg),:TYPE,key,sources:string[],title:string,kind:string,start:string,end:string,"
        "order:long,until:string,start_low:string,until_high:string,career:boolean,present:boolean,current:boolean\n"
    )
    rows = (folder / "relationships-WORKED_AT.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == (
        '"ada-quill","alpha-lab","WORKED_AT","ada-quill/roles/0","src-a","Research scientist","employee",'
        '"2015-01","2020-12",0,"2020-12","2015-01-01","2020-12-31",true,true'
    )
    assert (folder / "nodes-KgLive.header.csv").read_text(encoding="utf-8") == (
        ":ID(kg-live),:LABEL,name,gen,nodes:long,relationships:long,since:datetime\n"
    )
    person = (folder / "nodes-Person.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert person[1] == f'"KgNode{ARRAY_DELIMITER}Person"'
    command = result.output.splitlines()[1]
    assert command.startswith(f"neo4j-admin database import full neo4j '--array-delimiter=\\u001F' --nodes={folder}/nodes-KgLive.header.csv,")
    assert command.count("--nodes=") + command.count("--relationships=") == len(names) // 2


def test_export_refuses_a_folder_that_is_not_empty(kg, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("mine", encoding="utf-8")
    result = kg("export", "--to", "neo4j-import", str(tmp_path / "out"), "--seeds", str(MINI))
    assert (result.exit_code, result.output) == (1, f"error: {tmp_path / 'out'} is not an empty folder; give a new or empty one for the import files\n")
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["notes.txt"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]  # nothing staged beside it either
