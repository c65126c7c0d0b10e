"""The kg command through click's CliRunner: whole outputs, every format, exit codes, help texts."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import MINI, ROOT

SEEDS = ["--seeds", str(MINI)]

FOUNDERS_TABLE = """\
founders(org=Beta AI): 2 rows
┏━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━┓
┃ founder    ┃ title              ┃ date    ┃ came from ┃ left    ┃ sources ┃
┡━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━┩
│ Ada Quill  │ Co-founder and CEO │ 2021-01 │ Alpha Lab │ 2020-12 │ [1]     │
│ Ben Okafor │ Co-founder and CTO │ 2021-01 │ Alpha Lab │ 2021-02 │ [1]     │
└────────────┴────────────────────┴─────────┴───────────┴─────────┴─────────┘
[1] src-a: Test Gazette, 2024-01-02, Fixture source A, https://example.org/a
"""

FOUNDERS_CSV = """\
founder,title,date,came_from,left,sources
Ada Quill,Co-founder and CEO,2021-01,Alpha Lab,2020-12,src-a
Ben Okafor,Co-founder and CTO,2021-01,Alpha Lab,2021-02,src-a
"""

FOUNDERS_JSON = {
    "question": "founders(org=Beta AI)",
    "answer": None,
    "intent": "founders",
    "params": {"org": "beta-ai"},
    "understood": {},
    "ignored": [],
    "columns": ["founder", "title", "date", "came_from", "left", "sources"],
    "rows": [
        {"founder": "Ada Quill", "title": "Co-founder and CEO", "date": "2021-01", "came_from": "Alpha Lab", "left": "2020-12", "sources": ["src-a"]},
        {"founder": "Ben Okafor", "title": "Co-founder and CTO", "date": "2021-01", "came_from": "Alpha Lab", "left": "2021-02", "sources": ["src-a"]},
    ],
    "notes": [],
    "sources": {"src-a": {"title": "Fixture source A", "publisher": "Test Gazette", "date": "2024-01-02", "url": "https://example.org/a"}},
}


def _plain(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_prints_whole_results_in_each_format(kg, fmt):
    result = kg("query", "founders", "-p", "org=Beta AI", "--format", fmt, *SEEDS, env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert result.stderr == ""
    if fmt == "json":
        assert json.loads(result.stdout) == FOUNDERS_JSON
    elif fmt == "csv":
        assert result.stdout == FOUNDERS_CSV
    else:
        assert _plain(result.stdout) == FOUNDERS_TABLE


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_person_profile_in_machine_formats(kg, fmt):
    result = kg("person", "陳博", "--format", fmt, *SEEDS)
    assert result.exit_code == 0
    if fmt == "csv":
        assert result.stdout.splitlines() == [
            "section,date,org,detail,sources",
            "name,,,陈博,src-c",
            "name,,,陳博,src-c",
            "name,,,Bo Chen,src-c",
            "education,2008 to 2012,North University,BSc,src-c",
            "role,from 2013,Gamma Research,Researcher (employee),src-c",
            "role,2019-06 to 2022-03,Alpha Lab,Researcher (employee),src-c",
            "role,2022-04 to 2024-03,Delta Labs,Founder (founder),src-b",
            "role,2024-03 to present,Gamma Corp,Director (executive),src-b",
            "founded,2022-04,Delta Labs,Founder,src-b",
            "move,2019-06,Alpha Lab,Gamma Research → Alpha Lab,src-c",
            "move,2022-04,Delta Labs,Alpha Lab → Delta Labs,src-b; src-c",
            "move,2024-03,Gamma Corp,Delta Labs → Gamma Corp (with deal gamma-delta-2024),src-b",
            "deal,2024-03,Gamma Corp,moved with Delta Labs to Gamma Corp (acqui_hire),src-b",
        ]
    else:
        data = json.loads(result.stdout)
        assert (data["intent"], data["params"], data["columns"]) == ("person", {"id": "chen-bo"}, ["section", "date", "org", "detail", "sources"])
        assert sorted(data["sources"]) == ["src-b", "src-c"]


def test_person_shows_both_sides_of_a_conflict(kg):
    result = kg("person", "Eli Stone", "--format", "csv", *SEEDS)
    assert result.stdout.splitlines()[1] == "born,1960,,1960; sources disagree: born: 1960 [src-a]; born: 1961 [src-c],src-a; src-c"


def test_org_profile(kg):
    result = kg("org", "delta labs", "--format", "csv", *SEEDS)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "section,date,who,detail,sources",
        "fact,2022-04,,founded,src-b",
        "fact,,,kind: startup,src-b",
        "fact,,,country: GB,src-b",
        "fact,,,status: acquired,src-b",
        "founder,2022-04,Chen Bo,Founder,src-b",
        "person,2022-04,Chen Bo,\"Founder (founder, 2022-04 to 2024-03)\",src-b",
        "person,2023-07,Dana Ruiz,\"Engineer (employee, 2023-07 to 2024-03)\",src-b",
        "deal,2024-03,Gamma Corp,\"was acqui-hired by Gamma Corp (acqui_hire, completed, 500,000,000 USD)\",src-b",
        "flow,,Alpha Lab,2 came from it,src-b; src-c",
        "flow,,Gamma Corp,2 left for it,src-b",
    ]


def test_stats_counts_every_label_and_relationship(kg):
    result = kg("stats", "--format", "json", *SEEDS)
    counts = {(row["kind"], row["name"]): row["count"] for row in json.loads(result.stdout)["rows"]}
    assert counts[("node", "Person")] == 8
    assert counts[("node", "Move")] == 10
    assert counts[("relationship", "TALENT_FLOW")] == 5
    assert counts[("relationship", "WORKED_AT")] == 22
    assert counts[("node", "Offer")] == 3
    assert counts[("relationship", "OFFERED_TO")] == 2
    assert list(counts)[:7] == [("node", label) for label in ("Person", "Organization", "FundingRound", "Deal", "Offer", "Move", "Source")]


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (["person", "Chen Bp"], 1, "error: no person called 'Chen Bp'; did you mean Chen Bo?\n"),
        (["org", "Chen Bo"], 1, "error: no organisation called 'Chen Bo'\n"),
        (["query", "left_for", "-p", "org"], 2, "Error: parameters are KEY=VALUE, not 'org'\n"),
        (["query", "left_for", "-p", "orgg=x"], 2, "error: left_for takes no parameter 'orgg'; it takes org, to?, startups_only?\n"),
        (["query", "left_for", "--format", "xml"], 2, "Error: Invalid value for '--format': 'xml' is not one of 'table', 'json', 'csv'.\n"),
    ],
)
def test_errors_are_one_sentence_with_their_exit_code(kg, args, code, stderr):
    result = kg(*args, *SEEDS)
    assert result.exit_code == code
    if stderr.startswith("Error:"):  # click's own usage errors, after its usage lines
        assert result.stderr == "Usage: main query [OPTIONS] [NAME]\nTry 'main query --help' for help.\n\n" + stderr
    else:
        assert result.stderr == stderr
    assert result.stdout == ""


def test_json_is_the_only_thing_on_stdout(kg):
    result = kg("ask", "who left Alpha Lab for which startup?", "--format", "json", *SEEDS)
    data = json.loads(result.stdout)
    assert sorted(data) == ["answer", "columns", "ignored", "intent", "notes", "params", "question", "rows", "sources", "understood"]
    assert data["question"] == "who left Alpha Lab for which startup?"


def _commands():
    from kg.cli import main

    return sorted(main.commands)


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_with_an_example_and_is_in_the_readme(kg, command):
    result = kg(command, "--help")
    assert result.exit_code == 0
    assert re.search(r"Examples?:", result.stdout), f"kg {command} --help has no example"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\bkg {command}\b", readme), f"kg {command} is not shown in the README"


def test_kg_guide_serves_the_browser_guide_until_stopped():
    import os
    import signal
    import subprocess
    import sys
    import urllib.request

    from kg.browser_guide import cypher_files, generate_guide

    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "guide", "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "KG_CYPHER": str(ROOT / "cypher")},
    )
    try:
        line = process.stdout.readline()
        url = re.fullmatch(r"serving the kg guide at (http://localhost:\d+/kg\.html); in the Neo4j Browser run  :guide \1  \(Ctrl-C stops\)\n", line)
        assert url, line
        with urllib.request.urlopen(url.group(1), timeout=10) as answer:
            page = answer.read().decode("utf-8")
            assert answer.headers["Access-Control-Allow-Origin"] == "*"
        assert page == generate_guide(ROOT / "cypher", url.group(1).removesuffix("/kg.html"))
        assert page.count("<slide") == len(cypher_files(ROOT / "cypher")) + 1
        # the Browser asks first whether it may send its no-cache headers from another origin
        preflight = urllib.request.Request(url.group(1), method="OPTIONS", headers={"Access-Control-Request-Headers": "pragma,cache-control"})
        with urllib.request.urlopen(preflight, timeout=10) as answer:
            assert (answer.status, answer.headers["Access-Control-Allow-Headers"]) == (204, "pragma,cache-control")
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    assert process.stderr.read() == ""


def test_kg_guide_on_a_busy_port_is_one_sentence(kg):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = kg("guide", "--port", str(port))
    assert result.exit_code == 2
    assert result.stderr == f"error: cannot serve the guide on 127.0.0.1:{port}: Address already in use\n"
