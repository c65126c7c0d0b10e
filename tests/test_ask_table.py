"""kg ask on the shipped data: the hand-written question table, answer lines, refusals, --explain."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from kg.ask import ask, understand
from kg.errors import KgError
from kg.backends.embedded import EmbeddedBackend
from kg.questions import CATALOGUE
from tests.conftest import ROOT

TODAY = date(2026, 12, 1)
TABLE = yaml.safe_load((ROOT / "tests" / "fixtures" / "ask_questions.yaml").read_text(encoding="utf-8"))
ANSWERED = [row for row in TABLE if "refused" not in row]
REFUSED = [row for row in TABLE if "refused" in row]


@pytest.fixture(scope="module")
def backend(shipped_graph):
    return EmbeddedBackend(shipped_graph)


@pytest.mark.parametrize("row", ANSWERED, ids=[row["q"] for row in ANSWERED])
def test_question_gives_the_exact_question_and_parameters(backend, row):
    understood = understand(backend, row["q"], today=TODAY)
    assert (understood.intent, understood.params) == (row["intent"], row["params"])


@pytest.mark.parametrize("row", REFUSED, ids=[row["q"] for row in REFUSED])
def test_question_is_refused_with_its_message(backend, row):
    with pytest.raises(KgError) as caught:
        understand(backend, row["q"], today=TODAY)
    assert str(caught.value) == row["refused"]


def test_the_table_is_large_and_covers_every_language_and_question():
    assert len(TABLE) >= 300
    languages = Counter(row["lang"] for row in TABLE)
    assert set(languages) == {"en", "de", "zh-hans", "zh-hant", "mixed"}
    assert min(languages.values()) >= 15
    asked = {(row["intent"], row["lang"][:2]) for row in ANSWERED}
    for name in CATALOGUE:
        assert {(name, "en"), (name, "de"), (name, "zh")} <= asked, name


def test_every_question_declares_its_cues_in_three_scripts():
    for name, question in CATALOGUE.items():
        words = [word for relation in question.cues.relations for word in relation.words]
        assert any(word.isascii() for word in words), name
        assert any("\u4e00" <= char <= "\u9fff" for word in words for char in word), name


def test_fact_answers_come_first_in_one_line(backend):
    raised = ask(backend, "how much did Thinking Machines Lab raise?", today=TODAY)
    assert (raised.intent, raised.answer) == (
        "rounds",
        "Thinking Machines Lab raised 2B USD in 2 rounds (1 undisclosed): seed 2B USD (2025-06; valued at 10B USD; other reports of the valuation: 12B USD [2]); strategic undisclosed (2026) [7 sources]",
    )
    assert ask(backend, "who founded Anthropic?", today=TODAY).answer is None  # a list question


def test_count_answers_say_the_number_and_what_it_counts(backend):
    left = ask(backend, "how many people left OpenAI for Anthropic?", today=TODAY)
    people = list(dict.fromkeys(row["person"] for row in left.rows))
    sources = {s for row in left.rows for s in row["sources"]}
    assert left.answer == f"{len(people)} people: {', '.join(people)} [{len(sources)} sources]"
    assert left.params["count"] is True


def test_ask_json_says_what_it_understood_and_ignored(kg):
    result = kg("ask", "so who founded Mistral AI, thanks", "--format", "json", "--seeds", str(ROOT / "seeds"))
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert (data["intent"], data["params"], data["answer"]) == ("founders", {"org": "mistral-ai"}, None)
    assert data["understood"] == {"org": "Mistral AI"}
    assert data["ignored"] == ["thanks"]


def test_a_refusal_is_one_line_and_exit_1(kg):
    result = kg("ask", "who runs Anthropic?", "--seeds", str(ROOT / "seeds"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: people_at cannot apply the kind of role 'runs' (executive), and kg does not answer a broader "
        "question than the one asked; the nearest it can answer: people_at(org=Anthropic)\n"
    )


def test_explain_prints_the_parse(kg):
    result = kg("ask", "who left OpenAI for which startup?", "--explain", "--seeds", str(ROOT / "seeds"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines == [
        "question: who left OpenAI for which startup?",
        "name 9-15 'OpenAI': OpenAI (organization, openai)",
        "cue 0-3 'who': answer who",
        "cue 4-8 'left': relation of left_for; relation of moves; moves: direction=departures; names the answer of boomerangs",
        "cue 16-19 'for': particle to",
        "cue 26-33 'startup': kind startup; left_for: startups_only=true; moves: startups_only=true; "
        "companies: startups_only=true; names the answer of alumni_founders; names the answer of acquisitions",
        "answer type: who",
        "chosen: left_for(startups_only=true, org=openai) score 8",
        "  +3 relation words: left",
        "  +1 startups_only=true from 'startup'",
        "  +2 answers who ('who')",
        "  +2 org = 'OpenAI'",
        # the same score: the tie goes to the question with fewer empty name parameters
        "runner-up: moves(direction=departures, startups_only=true, org=openai) score 8",
        "  +3 relation words: left",
        "  +1 startups_only=true from 'startup'",
        "  +2 answers who ('who')",
        "  +2 org = 'OpenAI'",
    ]
    runners = kg("ask", "what did a16z invest in?", "--explain", "--seeds", str(ROOT / "seeds")).stdout.splitlines()
    assert [line for line in runners if line.startswith(("chosen", "runner-up"))] == [
        "chosen: portfolio(investor=a16z) score 5",
        "runner-up: rounds(investor=a16z) score 5",
        "runner-up: investors(org=a16z) score 4",
        "runner-up: co_investors(a=a16z) score 0",
    ]


def test_time_is_counted_from_today(kg):
    args = ("ask", "who worked at OpenAI last year", "--format", "json", "--seeds", str(ROOT / "seeds"))
    assert json.loads(kg(*args, "--today", "2021-05-01").stdout)["params"] == {"org": "openai", "as_of": "2020"}
    assert json.loads(kg(*args, "--today", "2026-12-01").stdout)["params"] == {"org": "openai", "as_of": "2025"}
    bad = kg(*args, "--today", "next week")
    assert bad.exit_code == 2


def test_a_very_long_question_is_refused_before_any_work(backend):
    with pytest.raises(KgError) as caught:
        understand(backend, "who left OpenAI " * 40)
    assert str(caught.value) == "the question is 640 characters long; kg reads questions of up to 500"


def test_as_of_is_refused_where_the_question_has_no_moment(kg):
    result = kg("ask", "who founded Anthropic", "--as-of", "2020", "--seeds", str(ROOT / "seeds"))
    assert (result.exit_code, result.stderr) == (2, "error: --as-of needs a question about a moment; founders takes no as_of\n")
