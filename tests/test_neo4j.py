"""Neo4j on a real server: loading (idempotent, all-or-nothing, removals), read-only Cypher, errors,
and every file in cypher/ with the parameters its header documents."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from kg.backends.neo4j import LoadFailed, Neo4jBackend, Settings, load
from kg.browser_guide import PARAM_LINE
from tests.conftest import MINI, ROOT, seeds_elements

pytestmark = pytest.mark.neo4j


LIVE = "MATCH (live:KgLive) WITH live.gen AS gen MATCH (n:KgNode {gen: gen})"


def snapshot(settings: Settings) -> dict:
    """The live graph: counts per label and type, and a checksum of every node's and relationship's properties."""
    with _session(settings) as session:
        nodes = session.run(f"{LIVE} RETURN [x IN labels(n) WHERE x <> 'KgNode'] AS labels, properties(n) AS props").data()
        rels = session.run(f"{LIVE} MATCH (n)-[r]->(b) RETURN type(r) AS type, n.id AS a, b.id AS b, properties(r) AS props").data()
    for node in nodes:
        node["props"].pop("gen")
    labels: dict[str, int] = {}
    for node in nodes:
        for label in node["labels"]:
            labels[label] = labels.get(label, 0) + 1
    types: dict[str, int] = {}
    for rel in rels:
        types[rel["type"]] = types.get(rel["type"], 0) + 1
    digest = hashlib.sha256()
    for line in sorted(json.dumps(item, sort_keys=True, default=str) for item in nodes + rels):
        digest.update(line.encode())
    return {"labels": labels, "types": types, "checksum": digest.hexdigest()}


def leftovers(settings: Settings) -> int:
    """Nodes of kg's outside the live generation: a staged copy that never went live, or a replaced graph left over."""
    with _session(settings) as session:
        return session.run(
            "OPTIONAL MATCH (live:KgLive) MATCH (n:KgNode) WHERE live IS NULL OR n.gen <> live.gen RETURN count(n) AS n"
        ).single()["n"]


class _session:
    """A plain driver session on the test server (the checks read kg's bookkeeping, which kg cypher hides)."""

    def __init__(self, settings: Settings):
        import neo4j

        self.driver = neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password))

    def __enter__(self):
        self.session = self.driver.session(database="neo4j")
        return self.session

    def __exit__(self, *exc):
        self.session.close()
        self.driver.close()


@pytest.fixture
def fresh(neo4j_graphs):
    """The session server, free for a test that writes other graphs into it."""
    neo4j_graphs.forget()
    yield neo4j_graphs.settings
    neo4j_graphs.forget()


@pytest.fixture
def mini_without_dana(tmp_path):
    """The mini world with one person and one deal's mention of her removed."""
    folder = tmp_path / "mini-edit"
    shutil.copytree(MINI, folder)
    people = yaml.safe_load((folder / "people.yaml").read_text(encoding="utf-8"))
    people["people"] = [p for p in people["people"] if p["id"] != "dana-ruiz"]
    (folder / "people.yaml").write_text(yaml.safe_dump(people, allow_unicode=True), encoding="utf-8")
    deals = (folder / "deals.yaml").read_text(encoding="utf-8").replace("people: [chen-bo, dana-ruiz]", "people: [chen-bo]")
    (folder / "deals.yaml").write_text(deals, encoding="utf-8")
    offers = (folder / "offers.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "offers.yaml").write_text("".join(line for line in offers if "dana-ruiz" not in line), encoding="utf-8")
    return folder


def test_loading_three_times_changes_nothing_and_matches_the_embedded_graph(fresh, mini_graph):
    elements = seeds_elements(MINI)()
    load(elements, fresh)
    first = snapshot(fresh)
    for _ in range(2):
        report = load(elements, fresh)
        assert (report.previous_nodes, report.previous_relationships) == (report.nodes, report.relationships)
        assert snapshot(fresh) == first
    assert leftovers(fresh) == 0
    labels, types = mini_graph.counts()
    assert first["labels"] == labels
    assert first["types"] == types


@pytest.mark.parametrize("writers", [1, 4])
def test_any_number_of_writers_loads_the_same_graph(fresh, writers):
    elements = seeds_elements(MINI)()
    load(elements, fresh, batch_size=3, writers=1)
    one_writer = snapshot(fresh)
    report = load(elements, fresh, batch_size=3, writers=writers)
    assert snapshot(fresh) == one_writer
    assert report.batches > 2 * writers  # small batches, so that several are written at once
    assert leftovers(fresh) == 0


def test_a_batch_that_loses_a_deadlock_is_written_again(fresh):
    """Two batches lock two nodes in opposite orders: the server refuses one, and it is written again."""
    import threading

    from kg.backends.neo4j import _write_batch, driver

    with _session(fresh) as session:
        session.run("CREATE (:KgDeadlockTest {name: 'x'}), (:KgDeadlockTest {name: 'y'})").consume()
    both_hold_one = threading.Barrier(2, timeout=10)
    attempts = {"x": 0, "y": 0}
    results: dict = {}

    def batch(first: str, second: str):
        def work(tx, statement, rows, generation, holder):
            attempts[first] += 1
            tx.run("MATCH (n:KgDeadlockTest {name: $name}) SET n.writes = coalesce(n.writes, 0) + 1", name=first).consume()
            if attempts[first] == 1:
                both_hold_one.wait()
            tx.run("MATCH (n:KgDeadlockTest {name: $name}) SET n.writes = coalesce(n.writes, 0) + 1", name=second).consume()
            return len(rows)

        try:
            results[first] = _write_batch(handle, fresh.database, work, "", [[1], [2]], "g", "h")
        except Exception as err:  # the test fails below, saying what went wrong
            results[first] = err

    handle = driver(fresh)
    try:
        threads = [threading.Thread(target=batch, args=pair) for pair in (("x", "y"), ("y", "x"))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        handle.close()
        with _session(fresh) as session:
            writes = session.run("MATCH (n:KgDeadlockTest) RETURN n.name AS name, n.writes AS writes ORDER BY name").data()
            session.run("MATCH (n:KgDeadlockTest) DELETE n").consume()
    assert results == {"x": 2, "y": 2}
    assert sorted(attempts.values()) == [1, 2]  # one batch lost the deadlock and was written again
    assert writes == [{"name": "x", "writes": 2}, {"name": "y", "writes": 2}]  # the lost attempt left nothing


def test_a_fact_removed_from_the_seeds_is_gone_after_reload(fresh, mini_without_dana):
    load(seeds_elements(MINI)(), fresh)
    report = load(seeds_elements(mini_without_dana)(), fresh)
    assert report.previous_nodes - report.nodes == 4  # Dana Ruiz, her two moves and the offer made to her
    backend = Neo4jBackend(fresh)
    try:
        _, rows = backend.read(f"{LIVE} WHERE n.id STARTS WITH 'dana-ruiz' OR n.id STARTS WITH 'move-dana-ruiz' RETURN n.id AS id")
        assert rows == []
        _, people = backend.read(f"{LIVE} MATCH (n)-[:JOINED_VIA]->(:Deal {{id: 'gamma-delta-2024'}}) RETURN n.id AS id")
        assert people == [{"id": "chen-bo"}]
    finally:
        backend.close()
    from kg.store import build_graph

    labels, types = build_graph(mini_without_dana).counts()
    assert snapshot(fresh)["labels"] == labels
    assert snapshot(fresh)["types"] == types


def test_a_failure_in_a_middle_batch_leaves_the_previous_graph(fresh, mini_without_dana):
    load(seeds_elements(MINI)(), fresh)
    before = snapshot(fresh)

    def fail_at_third_batch(done: int, total: int, rows: int) -> None:
        if done == 3:
            raise LoadFailed("the test stopped the load")

    with pytest.raises(LoadFailed) as caught:
        load(seeds_elements(mini_without_dana)(), fresh, batch_size=2, progress=fail_at_third_batch)
    assert str(caught.value).startswith("loading stopped at batch 3 of ")
    assert str(caught.value).endswith("the graph in Neo4j is the previous one, unchanged")
    assert snapshot(fresh) == before
    assert leftovers(fresh) == 0  # the partial copy was removed at once
    load(seeds_elements(mini_without_dana)(), fresh)
    assert snapshot(fresh) != before


def test_a_streamed_load_stops_at_a_relationship_the_vocabulary_refuses_and_keeps_the_previous_graph(fresh):
    from kg.backends.neo4j import Streamed
    from kg.graph_model import Edge

    elements = seeds_elements(MINI)()
    load(elements, fresh)
    before = snapshot(fresh)
    wrong = Edge("WORKED_AT", "ada-quill", "src-a", "ada-quill/roles/9", {})  # a person working at a source
    with pytest.raises(LoadFailed) as caught:
        load(Streamed(iter(elements.nodes), iter([*elements.edges, wrong])), fresh, batch_size=10)
    assert re.fullmatch(
        r"loading stopped at batch \d+ \(edge ada-quill/roles/9: WORKED_AT joins Person to Organization, not Person "
        r"\(ada-quill\) to Source \(src-a\)\); the graph in Neo4j is the previous one, unchanged",
        str(caught.value),
    ), str(caught.value)
    assert snapshot(fresh) == before
    assert leftovers(fresh) == 0


def test_schema_constraints_and_indexes_exist(neo4j_graphs, mini_backend):
    backend = neo4j_graphs.backend("mini", seeds_elements(MINI))
    _, constraints = backend.read("SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties RETURN name, labelsOrTypes, properties")
    # ids are unique within a generation; one live marker; one load lock
    assert sorted((c["name"], c["labelsOrTypes"], c["properties"]) for c in constraints) == [
        ("kg_live_name", ["KgLive"], ["name"]), ("kg_load_lock", ["KgLoadLock"], ["name"]), ("kg_node_id", ["KgNode"], ["gen", "id"]),
    ]
    _, indexes = backend.read(
        "SHOW INDEXES YIELD name, type, owningConstraint WHERE owningConstraint IS NULL AND type <> 'LOOKUP' RETURN name"
    )
    assert {i["name"] for i in indexes} == {
        "person_id_lookup", "organization_id_lookup", "source_id_lookup", "person_name", "organization_name", "organization_kind",
    }


def _env(settings: Settings, **extra: str) -> dict[str, str]:
    return {"NEO4J_URI": settings.uri, "NEO4J_USERNAME": settings.user, "NEO4J_PASSWORD": settings.password, **extra}


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE (n:Intruder {id: 'x'}) RETURN n",
        "MERGE (n:Person {id: 'intruder'}) RETURN n",
        "MATCH (n:Person {id: 'chen-bo'}) DETACH DELETE n",
        "MATCH (n:Person {id: 'chen-bo'}) SET n.name = 'changed' RETURN n",
    ],
)
def test_kg_cypher_refuses_writes(kg, neo4j_graphs, statement):
    neo4j_graphs.backend("mini", seeds_elements(MINI))
    before = snapshot(neo4j_graphs.settings)
    result = kg("cypher", statement, env=_env(neo4j_graphs.settings))
    assert result.exit_code == 1
    assert result.stderr == "error: this statement writes, and kg only reads from Neo4j here (use kg load to write)\n"
    assert snapshot(neo4j_graphs.settings) == before


def test_kg_cypher_reads_in_every_format(kg, neo4j_graphs):
    neo4j_graphs.backend("mini", seeds_elements(MINI))
    query = "MATCH (p:Person)-[:FOUNDED]->(o:Organization {id: $org}) RETURN p.name AS founder ORDER BY founder"
    env = _env(neo4j_graphs.settings)
    assert kg("cypher", query, "-p", "org=beta-ai", "--format", "csv", env=env).stdout == "founder\nAda Quill\nBen Okafor\n"
    data = json.loads(kg("cypher", query, "-p", "org=beta-ai", "--format", "json", env=env).stdout)
    assert (data["columns"], data["rows"]) == (["founder"], [{"founder": "Ada Quill"}, {"founder": "Ben Okafor"}])
    nodes = json.loads(kg("cypher", "MATCH (o:Organization {id: 'beta-ai'}) RETURN o", "--format", "json", env=env).stdout)
    assert nodes["rows"][0]["o"]["_labels"] == ["Organization", "Startup"]


def test_kg_load_from_the_command_line(kg, fresh):
    result = kg("load", "--seeds", str(MINI), env=_env(fresh))
    assert result.exit_code == 0
    assert re.fullmatch(
        rf"loaded 40 nodes and 134 relationships into {re.escape(fresh.uri)} \(database neo4j\) in [\d.]+ s, "
        r"\d+ batches, [\d,]+ rows/s; replaced a graph of \d+ nodes and \d+ relationships\n",
        result.stdout,
    )
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def _kg_process(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        cwd=ROOT,
        env={**os.environ, "KG_BACKEND": "embedded", **env},
        capture_output=True,
        text=True,
        timeout=60,  # a hang fails the test instead of stalling the suite
    )


def test_wrong_password_is_exit_3_with_one_sentence(neo4j_settings):
    result = _kg_process("ask", "who founded Beta AI?", "--backend", "neo4j", env=_env(neo4j_settings, NEO4J_PASSWORD="not-the-password"))
    assert result.returncode == 3
    assert result.stderr == f"error: Neo4j at {neo4j_settings.uri} refused the credentials of user 'neo4j' (check NEO4J_PASSWORD)\n"


def test_unreachable_server_is_exit_3_with_one_sentence(neo4j_settings):
    import socket

    with socket.socket() as spare:  # a port nothing listens on
        spare.bind(("127.0.0.1", 0))
        port = spare.getsockname()[1]
    uri = f"bolt://127.0.0.1:{port}"
    result = _kg_process("load", "--seeds", str(MINI), env=_env(neo4j_settings, NEO4J_URI=uri))
    assert result.returncode == 3
    assert result.stderr.startswith(f"error: cannot reach Neo4j at {uri}: ")
    assert len(result.stderr.splitlines()) == 1


def documented_params(text: str) -> dict:
    """The ``// :param name => value`` lines of a cypher/ file's header, as Python values."""
    params = {}
    for name, literal in re.findall(r"^//\s*:param (\w+) => (.+?);?$", text, flags=re.MULTILINE):
        literal = literal.strip()
        params[name] = None if literal == "null" else True if literal == "true" else False if literal == "false" else (
            int(literal) if literal.isdigit() else literal.strip("'")
        )
    return params


CYPHER_FILES = sorted(p for p in (ROOT / "cypher").rglob("*.cypher") if p.name != "schema.cypher")


def test_every_question_has_a_cypher_file_and_every_file_a_header():
    from kg.questions import CATALOGUE

    assert {p.stem for p in (ROOT / "cypher").glob("*.cypher")} == set(CATALOGUE) | {"schema"}
    for path in CYPHER_FILES:
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"// {path.stem}:") or text.startswith("// View (Neo4j Browser):"), path
        uses = set(re.findall(r"\$(\w+)", text))
        assert uses <= set(documented_params(text)), f"{path.name} uses parameters its header does not set"
        # the Browser runs several pasted :param lines only when each ends with a semicolon
        param_lines = [line for line in text.splitlines() if ":param" in line]
        assert [line for line in param_lines if not PARAM_LINE.match(line)] == [], path.name


@pytest.mark.parametrize("path", CYPHER_FILES, ids=[str(p.relative_to(ROOT)) for p in CYPHER_FILES])
def test_every_cypher_file_runs_with_its_documented_parameters(neo4j_graphs, shipped_graph, path):
    backend = neo4j_graphs.backend("shipped", seeds_elements(ROOT / "seeds"))
    text = path.read_text(encoding="utf-8")
    columns, rows = backend.read(text, documented_params(text))
    assert rows, f"{path.name} answered nothing with its documented parameters"
    if path.parent.name == "cypher":
        from kg.questions import CATALOGUE

        question = CATALOGUE[path.stem]
        assert set(columns) >= set(question.columns) or question.post is not None


def _view(neo4j_graphs, view: str, **params) -> list[dict]:
    """The rows of a file in cypher/views/ on the mini world, with the driver's own paths and nodes."""
    backend = neo4j_graphs.backend("mini", seeds_elements(MINI))
    text = (ROOT / "cypher" / "views" / f"{view}.cypher").read_text(encoding="utf-8")
    columns, rows = backend.read(text, params, raw=True)
    return rows


def _ids(path) -> list[str]:
    """The node ids along a path."""
    return [node["id"] for node in path.nodes]


def test_the_acquihires_view_holds_each_deal_with_its_people_and_moves(neo4j_graphs):
    rows = _view(neo4j_graphs, "acquihires")
    assert [(_ids(row["deal"]), sorted(_ids(p) for p in row["people"]), sorted(_ids(m) for m in row["moves"])) for row in rows] == [
        (
            ["gamma-corp", "gamma-delta-2024", "delta-labs"],
            [["chen-bo", "gamma-delta-2024"], ["dana-ruiz", "gamma-delta-2024"]],
            [["move-chen-bo-3", "gamma-delta-2024"], ["move-dana-ruiz-2", "gamma-delta-2024"]],
        )
    ]


def test_the_diaspora_view_draws_each_flow_out_with_its_people(neo4j_graphs):
    rows = _view(neo4j_graphs, "diaspora", org="Alpha Lab")
    flows = [(_ids(row["flow"]), row["flow"].relationships[0]["count"], sorted(_ids(p)[0] for p in row["people"])) for row in rows]
    assert sorted(flows) == [
        (["alpha-lab", "beta-ai"], 2, ["ada-quill", "ben-okafor"]),
        (["alpha-lab", "delta-labs"], 2, ["chen-bo", "dana-ruiz"]),
        (["alpha-lab", "gamma-research"], 1, ["hana-sato"]),
    ]


def test_the_organisation_view_holds_its_people_units_rounds_and_deals(neo4j_graphs):
    [row] = _view(neo4j_graphs, "org_neighbourhood", org="Gamma Corp")
    assert row["o"]["id"] == "gamma-corp"
    assert sorted(_ids(p)[0] for p in row["people"]) == ["chen-bo", "dana-ruiz"]
    assert [_ids(u) for u in row["units"]] == [["gamma-research", "gamma-corp"]]
    assert row["rounds"] == []  # Gamma Corp raised nothing
    assert sorted(_ids(d) for d in row["deals"]) == [
        ["gamma-corp", "gamma-beta-2023", "beta-ai"],
        ["gamma-corp", "gamma-delta-2024", "delta-labs"],
    ]


def test_the_sources_view_lists_the_record_s_and_its_facts_sources(neo4j_graphs):
    [row] = _view(neo4j_graphs, "sources_of", name="Dana Ruiz")
    assert row["n"]["id"] == "dana-ruiz"
    assert [_ids(c) for c in row["record_sources"]] == [["dana-ruiz", "src-b"]]
    assert [s["id"] for s in row["fact_sources"]] == ["src-b"]


def test_an_answer_is_drawn_from_the_backend_that_answered(neo4j_graphs, mini_graph):
    from kg.ask import ask
    from kg.backends.embedded import EmbeddedBackend
    from kg.render import answer_view

    drawn = []
    for backend in (EmbeddedBackend(mini_graph), neo4j_graphs.backend("mini", seeds_elements(MINI))):
        result = ask(backend, "who left Alpha Lab for which startup?")
        view = answer_view(backend.subgraph(result.entities), result)
        drawn.append(
            (
                [(n.id, n.label, n.kind, n.tooltip, n.degree) for n in view.nodes],
                [(e.source, e.target, e.label, e.tooltip) for e in view.edges],
            )
        )
    assert drawn[0] == drawn[1]
    assert sorted(node[0] for node in drawn[0][0]) == ["ada-quill", "alpha-lab", "ben-okafor", "beta-ai", "chen-bo", "dana-ruiz", "delta-labs"]
    assert len(drawn[0][1]) == 10
