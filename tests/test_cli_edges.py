"""The command line at its edges: output places that cannot be written, counts below 1, long
questions, control characters from the data, kg cypher's timeout and address, and the statements
kg cypher refuses before anything reaches a server."""

from __future__ import annotations

import time

import pytest

from tests.conftest import MINI

SEEDS = ["--seeds", str(MINI)]


@pytest.mark.parametrize(
    ("output", "stderr"),
    [
        ("/nonexistent/x.html", "error: cannot write /nonexistent/x.html: no folder /nonexistent\n"),
        ("/dev/full", "error: cannot write /dev/full: no space left on the device\n"),
        ("missing-folder/", "error: cannot write into missing-folder/: no such folder\n"),
        ("/sys/kg-view.html", "error: cannot write /sys/kg-view.html: permission denied\n"),
    ],
)
def test_an_output_place_that_cannot_be_written_is_one_sentence(kg, output, stderr):
    for command in (["render", "Alpha Lab", "-o", output], ["ask", "who founded Beta AI?", "--html", output]):
        result = kg(*command, *SEEDS)
        assert (result.exit_code, result.stderr) == (1, stderr), command
    if not output.endswith("/"):
        result = kg("export", "-o", output, *SEEDS)
        assert (result.exit_code, result.stderr) == (1, stderr)


def test_a_folder_as_output_gets_the_view_inside_it(kg, tmp_path):
    result = kg("render", "Alpha Lab", "-o", f"{tmp_path}/", *SEEDS)
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alpha-lab.html"]
    assert result.stdout.startswith(f"wrote {tmp_path}/alpha-lab.html: ")
    result = kg("render", "Beta AI", "-o", str(tmp_path), *SEEDS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alpha-lab.html", "beta-ai.html"]


@pytest.mark.parametrize(
    ("args", "option", "value"),
    [
        (["render", "Alpha Lab"], "--max-nodes", "-5"),
        (["render", "Alpha Lab"], "--max-nodes", "0"),
        (["render", "Alpha Lab"], "--depth", "-1"),
        (["render", "Alpha Lab"], "--depth", "0"),
        (["flows"], "--top", "-1"),
        (["flows"], "--top", "0"),
        (["path", "Ada Quill", "Chen Bo"], "--max-hops", "0"),
        (["load"], "--batch-size", "0"),
        (["load"], "--writers", "0"),
    ],
)
def test_counts_below_one_are_refused(kg, args, option, value):
    result = kg(*args, option, value, *SEEDS)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '{option}': {value} is not in the range x>=1."


def test_counts_below_one_are_refused_by_the_library_too(mini_graph):
    from kg import render
    from kg.errors import UsageError
    from kg.questions.flows import flow_matrix
    from kg.backends.embedded import EmbeddedBackend

    with pytest.raises(UsageError, match="^max nodes must be at least 1, not -5$"):
        render.neighbourhood_view(mini_graph, "Alpha Lab", max_nodes=-5)
    with pytest.raises(UsageError, match="^depth must be at least 1, not 0$"):
        render.neighbourhood_view(mini_graph, "Alpha Lab", depth=0)
    with pytest.raises(UsageError, match="^top must be at least 1, not -1$"):
        flow_matrix(EmbeddedBackend(mini_graph), [], top=-1)
    from kg.backends.neo4j import Settings, load

    with pytest.raises(UsageError, match="^writers must be at least 1, not 0$"):
        load(None, Settings(), writers=0)  # refused before any server is asked


def test_a_long_question_is_refused_at_once_and_a_long_allowed_one_is_quick(kg, mini_graph):
    from kg.ask import ask
    from kg.backends.embedded import EmbeddedBackend
    from kg.errors import KgError
    from kg.understanding.text import MAX_LENGTH

    result = kg("ask", "who founded Beta AI? " * 10_000, *SEEDS)
    assert (result.exit_code, result.stderr) == (1, f"error: the question is 210000 characters long; kg reads questions of up to {MAX_LENGTH}\n")
    longest = ("who founded Beta AI " * 60)[:MAX_LENGTH]
    started = time.perf_counter()
    try:
        ask(EmbeddedBackend(mini_graph), longest)
    except KgError:
        pass  # what it answers does not matter here, only that it answers soon
    assert time.perf_counter() - started < 10  # before the cap, 100 KB took 15 s; a safety net, not a benchmark


def test_control_characters_from_the_data_are_shown_escaped(kg, write_seeds):
    folder = write_seeds({
        "s.yaml": 'sources:\n  - {id: src, title: "T\\e]0;owned\\a", publisher: P, language: en, kind: press}\n',
        "o.yaml": 'organizations:\n  - {id: acme, name: "Acme\\e[2J\\u202eCorp", kind: startup, sources: [src]}\n'
                  'people:\n  - {id: p, name: "Eve\\x00\\x1b[31m", sources: [src], roles: [{org: acme, kind: founder, start: 2020, sources: [src]}]}\n',
    })
    result = kg("query", "founders", "-p", "org=acme", "--seeds", str(folder))
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x00" not in result.stdout and "\u202e" not in result.stdout
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "founders(org=Acme\\x1b[2J\\u202eCorp): 1 row",
        "┏━━━━━━━━━━━━━━━━━┳━━━━━━┳━━━━━━━━━┓",
        "┃ founder         ┃ date ┃ sources ┃",
        "┡━━━━━━━━━━━━━━━━━╇━━━━━━╇━━━━━━━━━┩",
        "│ Eve\\x00\\x1b[31m │ 2020 │ [1]     │",
        "└─────────────────┴──────┴─────────┘",
        "[1] src: P, T\\x1b]0;owned\\x07",
    ]
    # a pipe gets the data as it is: CSV and JSON are for programs
    assert kg("query", "founders", "-p", "org=acme", "--format", "csv", "--seeds", str(folder)).stdout.splitlines()[1].startswith("Eve\x00\x1b[31m,")


# -- kg cypher, before any server is asked ----------------------------------------------------------


NOWHERE = {"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "x"}


@pytest.mark.parametrize("value", ["-1", "nan", "0", "inf", "-inf", "3601", "1e9"])
def test_kg_cypher_timeout_is_positive_finite_and_capped(kg, value):
    result = kg("cypher", "RETURN 1", "--timeout", value, env=NOWHERE)
    shown = {"1e9": "1e+09"}.get(value, value)
    assert (result.exit_code, result.stderr) == (2, f"error: --timeout is a number of seconds above 0 and at most 3,600, not {shown}\n")


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "https://example.org", "127.0.0.1:7687", "file:///tmp/x"])
def test_a_neo4j_address_that_is_not_bolt_is_one_sentence(kg, uri):
    expected = (
        "error: NEO4J_URI must be a Bolt address such as bolt://127.0.0.1:7687 "
        f"(schemes bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc), not {uri!r}\n"
    )
    for args in (["cypher", "RETURN 1"], ["ask", "who founded Beta AI?", "--backend", "neo4j"], ["load", *SEEDS]):
        result = kg(*args, env={"NEO4J_URI": uri})
        assert (result.exit_code, result.stderr) == (3, expected), args


#: Statements kg cypher refuses with their sentence, before connecting (the server here does not exist).
REFUSED = {
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row": "LOAD CSV reads files and URLs from the server, which kg cypher does not allow",
    "load csv with headers from 'http://127.0.0.1:9/x.csv' as row return row": "LOAD CSV reads files and URLs from the server, which kg cypher does not allow",
    "MATCH (n) WITH n LIMIT 1 LOAD CSV FROM 'file:///' + n.id AS r RETURN r": "LOAD CSV reads files and URLs from the server, which kg cypher does not allow",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'": "TERMINATE ends other sessions' transactions; kg cypher does not administer the server",
    "SHOW TRANSACTIONS": "SHOW TRANSACTIONS lists other users' queries; kg cypher does not show them",
    "SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery": "SHOW TRANSACTIONS lists other users' queries; kg cypher does not show them",
    "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS": "CALL { … } IN TRANSACTIONS commits batches of its own; kg cypher runs one read-only statement",
    "USE system SHOW USERS": "USE switches to another database; kg cypher reads the one kg loads (set NEO4J_DATABASE)",
    "SHOW USERS": "SHOW USERS is administration; kg cypher only shows the graph's indexes, constraints and procedures",
    "SHOW DATABASES": "SHOW DATABASES is administration; kg cypher only shows the graph's indexes, constraints and procedures",
    "SHOW SETTINGS": "SHOW SETTINGS is administration; kg cypher only shows the graph's indexes, constraints and procedures",
    "CALL dbms.listConfig()": "procedure dbms.listConfig is not one kg cypher calls (it calls only db.labels, db.relationshipTypes, db.propertyKeys, db.schema.*, db.index.fulltext.query*)",
    "CALL dbms.killQuery('query-1')": "procedure dbms.killQuery is not one kg cypher calls (it calls only db.labels, db.relationshipTypes, db.propertyKeys, db.schema.*, db.index.fulltext.query*)",
    "CALL apoc.load.json('http://127.0.0.1:9/x')": "procedure apoc.load.json is not one kg cypher calls (it calls only db.labels, db.relationshipTypes, db.propertyKeys, db.schema.*, db.index.fulltext.query*)",
    "CALL db.createLabel('Intruder')": "procedure db.createLabel is not one kg cypher calls (it calls only db.labels, db.relationshipTypes, db.propertyKeys, db.schema.*, db.index.fulltext.query*)",
    "CALL db.clearQueryCaches()": "procedure db.clearQueryCaches is not one kg cypher calls (it calls only db.labels, db.relationshipTypes, db.propertyKeys, db.schema.*, db.index.fulltext.query*)",
    "RETURN apoc.util.sleep(100000)": "function apoc.util.sleep reaches outside the graph; kg cypher does not call it",
    "CREATE INDEX intruder FOR (n:Person) ON (n.born)": "CREATE INDEX changes the server; kg cypher only reads (kg load applies the schema)",
    "DROP CONSTRAINT person_id": "DROP CONSTRAINT changes the server; kg cypher only reads (kg load applies the schema)",
    "ALTER USER neo4j SET PASSWORD 'owned'": "ALTER USER changes the server; kg cypher only reads (kg load applies the schema)",
    "CREATE USER intruder SET PASSWORD 'x'": "CREATE USER changes the server; kg cypher only reads (kg load applies the schema)",
    "GRANT ROLE admin TO intruder": "GRANT ROLE changes the server; kg cypher only reads (kg load applies the schema)",
    "DROP DATABASE neo4j": "DROP DATABASE changes the server; kg cypher only reads (kg load applies the schema)",
}


@pytest.mark.parametrize("statement", list(REFUSED))
def test_kg_cypher_refuses_reaching_outside_with_one_sentence(kg, statement):
    result = kg("cypher", statement, env=NOWHERE)
    assert (result.exit_code, result.stderr, result.stdout) == (1, f"error: {REFUSED[statement]}\n", "")


@pytest.mark.parametrize(
    "statement",
    [
        "MATCH (n:Person) WHERE n.name = 'LOAD CSV FROM x' RETURN n.name",
        "MATCH (n) // TERMINATE TRANSACTIONS\nRETURN count(n)",
        "MATCH (`show users`:Person) RETURN count(*)",
        "MATCH (db:Person) RETURN db.name LIMIT 1",
        "CALL db.labels() YIELD label RETURN label",
        "CALL db.index.fulltext.queryNodes('entity_names', 'Ada') YIELD node RETURN node.name",
        "SHOW INDEXES YIELD name RETURN name",
        "SHOW CONSTRAINTS",
    ],
)
def test_what_only_looks_like_it_is_let_through(statement):
    from kg.cypher_guard import check_statement

    assert check_statement(statement) is None
