"""The catalogue's filters and fact questions on the hand-made mini world, on both backends:
time windows, direction, person, both-of and except-of sets, kind and country, rounds, deal, role,
and the one-line answers and counts they give."""

from __future__ import annotations

import pytest

from kg.errors import UsageError
from kg.questions import run

A, B, C = ["src-a"], ["src-b"], ["src-c"]
DELTA_DEAL = "gamma-delta-2024"

ROWS = [
    ("moves", {"org": "Alpha Lab", "direction": "arrivals"}, [
        ("Fay Wu", "Gamma Research", "Alpha Lab", "arrival", "2018-03", "2018-02", None, A),
        ("Chen Bo", "Gamma Research", "Alpha Lab", "arrival", "2019-06", None, None, C),
        ("Hana Sato", "Gamma Research", "Alpha Lab", "arrival", "2021", "2021", None, B),
    ]),
    # since and until each take in the whole of their year; a departure is dated by the day its
    # person left: Ada Quill left in 2020-12, though she started at Beta AI in 2021-01
    ("moves", {"org": "Alpha Lab", "direction": "departures", "since": "2021", "until": "2022"}, [
        ("Ben Okafor", "Alpha Lab", "Beta AI", "departure", "2021-01", "2021-02", None, A),
        ("Chen Bo", "Alpha Lab", "Delta Labs", "departure", "2022-04", "2022-03", None, B + C),
    ]),
    ("moves", {"org": "Alpha Lab", "direction": "departures", "until": "2020"}, [
        ("Hana Sato", "Alpha Lab", "Gamma Research", "departure", "2019", "2019", None, B),
        ("Ada Quill", "Alpha Lab", "Beta AI", "departure", "2021-01", "2020-12", None, A),
    ]),
    # an arrival is dated by its start at the new place
    ("moves", {"org": "Beta AI", "direction": "arrivals", "since": "2021", "until": "2021"}, [
        ("Ada Quill", "Alpha Lab", "Beta AI", "arrival", "2021-01", "2020-12", None, A),
        ("Ben Okafor", "Alpha Lab", "Beta AI", "arrival", "2021-01", "2021-02", None, A),
    ]),
    ("moves", {"direction": "departures", "other": "Beta AI", "until": "2020"}, [
        ("Ada Quill", "Alpha Lab", "Beta AI", None, "2021-01", "2020-12", None, A),
    ]),
    ("moves", {"org": "Alpha Lab", "direction": "departures", "since": "2022-05"}, [
        ("Dana Ruiz", "Alpha Lab", "Delta Labs", "departure", "2023-07", "2023-06", None, B),
    ]),
    ("moves", {"org": "Alpha Lab", "direction": "departures", "except": "Delta Labs"}, [
        ("Hana Sato", "Alpha Lab", "Gamma Research", "departure", "2019", "2019", None, B),
        ("Ada Quill", "Alpha Lab", "Beta AI", "departure", "2021-01", "2020-12", None, A),
        ("Ben Okafor", "Alpha Lab", "Beta AI", "departure", "2021-01", "2021-02", None, A),
    ]),
    ("moves", {"org": "Gamma Corp", "direction": "arrivals", "other": "Delta Labs"}, [
        ("Chen Bo", "Delta Labs", "Gamma Corp", "arrival", "2024-03", "2024-03", DELTA_DEAL, B),
        ("Dana Ruiz", "Delta Labs", "Gamma Corp", "arrival", "2024-03", "2024-03", DELTA_DEAL, B),
    ]),
    # both directions, units included: moves inside the family are no departures or arrivals
    ("moves", {"org": "Gamma Corp"}, [
        ("Fay Wu", "Gamma Research", "Alpha Lab", "departure", "2018-03", "2018-02", None, A),
        ("Hana Sato", "Alpha Lab", "Gamma Research", "arrival", "2019", "2019", None, B),
        ("Chen Bo", "Gamma Research", "Alpha Lab", "departure", "2019-06", None, None, C),
        ("Hana Sato", "Gamma Research", "Alpha Lab", "departure", "2021", "2021", None, B),
        ("Chen Bo", "Delta Labs", "Gamma Corp", "arrival", "2024-03", "2024-03", DELTA_DEAL, B),
        ("Dana Ruiz", "Delta Labs", "Gamma Corp", "arrival", "2024-03", "2024-03", DELTA_DEAL, B),
    ]),
    ("moves", {"person": "Dana Ruiz"}, [
        ("Dana Ruiz", "Alpha Lab", "Delta Labs", None, "2023-07", "2023-06", None, B),
        ("Dana Ruiz", "Delta Labs", "Gamma Corp", None, "2024-03", "2024-03", DELTA_DEAL, B),
    ]),
    # without org a direction says which end other names: "who moved to Delta Labs", "who came from Gamma Corp"
    ("moves", {"direction": "departures", "other": "Delta Labs"}, [
        ("Chen Bo", "Alpha Lab", "Delta Labs", None, "2022-04", "2022-03", None, B + C),
        ("Dana Ruiz", "Alpha Lab", "Delta Labs", None, "2023-07", "2023-06", None, B),
    ]),
    ("moves", {"direction": "arrivals", "other": "Gamma Corp"}, [
        ("Fay Wu", "Gamma Research", "Alpha Lab", None, "2018-03", "2018-02", None, A),
        ("Chen Bo", "Gamma Research", "Alpha Lab", None, "2019-06", None, None, C),
        ("Hana Sato", "Gamma Research", "Alpha Lab", None, "2021", "2021", None, B),
    ]),
    ("moves", {"person": "Chen Bo", "org": "Alpha Lab", "direction": "departures"}, [
        ("Chen Bo", "Alpha Lab", "Delta Labs", "departure", "2022-04", "2022-03", None, B + C),
    ]),
    ("moves", {"kind": "big_tech"}, [
        ("Chen Bo", "Delta Labs", "Gamma Corp", None, "2024-03", "2024-03", DELTA_DEAL, B),
        ("Dana Ruiz", "Delta Labs", "Gamma Corp", None, "2024-03", "2024-03", DELTA_DEAL, B),
    ]),
    ("moves", {"country": "gb"}, [
        ("Chen Bo", "Alpha Lab", "Delta Labs", None, "2022-04", "2022-03", None, B + C),
        ("Dana Ruiz", "Alpha Lab", "Delta Labs", None, "2023-07", "2023-06", None, B),
    ]),
    ("moves", {"org": "Gamma Corp", "direction": "departures", "startups_only": "true"}, [
        ("Fay Wu", "Gamma Research", "Alpha Lab", "departure", "2018-03", "2018-02", None, A),
        ("Chen Bo", "Gamma Research", "Alpha Lab", "departure", "2019-06", None, None, C),
        ("Hana Sato", "Gamma Research", "Alpha Lab", "departure", "2021", "2021", None, B),
    ]),
    ("moves", {"until": "2019"}, [
        ("Fay Wu", "Gamma Research", "Alpha Lab", None, "2018-03", "2018-02", None, A),
        ("Hana Sato", "Alpha Lab", "Gamma Research", None, "2019", "2019", None, B),
        ("Chen Bo", "Gamma Research", "Alpha Lab", None, "2019-06", None, None, C),
    ]),
    ("moves", {"org": "Beta AI", "direction": "departures"}, []),
    # both-of: the roles at either place of the people who worked at both
    ("people_at", {"org": "Alpha Lab", "also": "Gamma Corp"}, [
        ("Fay Wu", "Gamma Research", "Researcher", "employee", "2012", "2018-02", A),
        ("Chen Bo", "Gamma Research", "Researcher", "employee", "2013", "2019-06", C),
        ("Dana Ruiz", "Alpha Lab", "Intern", "intern", "2014-06", "2014-09", B),
        ("Dana Ruiz", "Alpha Lab", "Engineer", "employee", "2015", "2023-06", B),
        ("Hana Sato", "Alpha Lab", "Engineer", "employee", "2017", "2019", B),
        ("Fay Wu", "Alpha Lab", "VP Research", "executive", "2018-03", None, A),
        ("Hana Sato", "Gamma Research", "Engineer", "employee", "2019", "2021", B),
        ("Chen Bo", "Alpha Lab", "Researcher", "employee", "2019-06", "2022-03", C),
        ("Hana Sato", "Alpha Lab", "Staff engineer", "employee", "2021", None, B),
        ("Chen Bo", "Gamma Corp", "Director", "executive", "2024-03", None, B),
        ("Dana Ruiz", "Gamma Corp", "Engineer", "employee", "2024-03", None, B),
    ]),
    ("people_at", {"org": "Alpha Lab", "except": "Gamma Corp"}, [
        ("Ada Quill", "Alpha Lab", "Research scientist", "employee", "2015-01", "2020-12", A),
        ("Ben Okafor", "Alpha Lab", "Engineer", "employee", "2016", "2021-02", A),
    ]),
    ("people_at", {"org": "Alpha Lab", "since": "2022", "until": "2023"}, [
        ("Dana Ruiz", "Alpha Lab", "Engineer", "employee", "2015", "2023-06", B),
        ("Fay Wu", "Alpha Lab", "VP Research", "executive", "2018-03", None, A),
        ("Chen Bo", "Alpha Lab", "Researcher", "employee", "2019-06", "2022-03", C),
        ("Hana Sato", "Alpha Lab", "Staff engineer", "employee", "2021", None, B),
    ]),
    # in the window, Hana Sato was at Gamma Research: except looks at the roles in the window
    ("people_at", {"org": "Alpha Lab", "as_of": "2020", "except": "Gamma Corp"}, [
        ("Ada Quill", "Alpha Lab", "Research scientist", "employee", "2015-01", "2020-12", A),
        ("Dana Ruiz", "Alpha Lab", "Engineer", "employee", "2015", "2023-06", B),
        ("Ben Okafor", "Alpha Lab", "Engineer", "employee", "2016", "2021-02", A),
        ("Fay Wu", "Alpha Lab", "VP Research", "executive", "2018-03", None, A),
        ("Chen Bo", "Alpha Lab", "Researcher", "employee", "2019-06", "2022-03", C),
    ]),
    ("role", {"person": "Chen Bo", "org": "Gamma Corp"}, [
        ("Chen Bo", "Gamma Research", "Researcher", "employee", "2013", None, [], C),
        ("Chen Bo", "Gamma Corp", "Director", "executive", "2024-03", "present", [], B),
    ]),
    ("role", {"person": "Dana Ruiz", "as_of": "2014"}, [
        ("Dana Ruiz", "Alpha Lab", "Intern", "intern", "2014-06", "2014-09", [], B),
    ]),
    ("role", {"person": "Fay Wu", "since": "2019"}, [
        ("Fay Wu", "Alpha Lab", "VP Research", "executive", "2018-03", "present", [], A),
        ("Fay Wu", "Beta AI", "Board member", "board", "2022", None, [], A),
    ]),
    ("rounds", {"investor": "VC Two", "led": "true"}, [
        ("Epsilon Robotics", "seed", "2020-09", 50_000_000, "CNY", None, ["VC Two"], [], [], C),
        ("Beta AI", "A", "2022-06", 100_000_000, "USD", 1_000_000_000, ["VC Two"], ["Gamma Corp", "VC One"], [], A),
    ]),
    ("rounds", {"investor": "Gus Moreau"}, [
        ("Beta AI", "seed", "2021-03", 20_000_000, "USD", None, ["VC One"], ["Gus Moreau", "VC Two"], [], A),
    ]),
    ("rounds", {"round": "Series A"}, [
        ("Beta AI", "A", "2022-06", 100_000_000, "USD", 1_000_000_000, ["VC Two"], ["Gamma Corp", "VC One"], [], A),
    ]),
    ("rounds", {"country": "CN"}, [
        ("Epsilon Robotics", "seed", "2020-09", 50_000_000, "CNY", None, ["VC Two"], [], [], C),
    ]),
    ("rounds", {"kind": "frontier_lab", "since": "2019", "until": "2019"}, [
        ("Alpha Lab", "B", "2019", 1_000_000_000, "USD", None, ["Gamma Corp"], ["VC One"], [], A),
    ]),
    ("deal", {"target": "Epsilon Robotics"}, [
        ("2022", "Alpha Lab", "Epsilon Robotics", "stake", 100_000_000, "USD", 20, "completed", [],
         [{"field": "amount", "preferred": False, "sources": ["src-a"], "value": 100000000},
          {"field": "amount", "preferred": False, "sources": ["src-c"], "value": 120000000}], A + C),
    ]),
    # attempted deals are looked up too; their outcome says what became of them
    ("deal", {"org": "Gamma Corp", "until": "2023"}, [
        ("2023-05", "Gamma Corp", "Beta AI", "acquisition", None, None, None, "rejected", [], [], A),
    ]),
    ("acquisitions", {"since": "2023"}, [
        ("2024-03", "Gamma Corp", "Delta Labs", "acqui_hire", 500_000_000, "USD", None, "completed", ["Chen Bo", "Dana Ruiz"], B),
    ]),
    ("acquisitions", {"country": "CN"}, [
        ("2022", "Alpha Lab", "Epsilon Robotics", "stake", 100_000_000, "USD", 20, "completed", [], A + C),
    ]),
    ("attempted_deals", {"since": "2023-06"}, []),
    ("companies", {"kind": "startup"}, [
        ("Epsilon Robotics", "startup", "CN", "2020", "active", ["Eli Stone"], C),
        ("Beta AI", "startup", "US", "2021-01", "active", ["Ada Quill", "Ben Okafor"], A),
        ("Delta Labs", "startup", "GB", "2022-04", "acquired", ["Chen Bo"], B),
    ]),
    ("companies", {"country": "CN"}, [
        ("Epsilon Robotics", "startup", "CN", "2020", "active", ["Eli Stone"], C),
        ("North University", "university", "CN", None, "active", [], C),
    ]),
    ("companies", {"since": "2021", "startups_only": "true"}, [
        ("Beta AI", "startup", "US", "2021-01", "active", ["Ada Quill", "Ben Okafor"], A),
        ("Delta Labs", "startup", "GB", "2022-04", "acquired", ["Chen Bo"], B),
    ]),
    ("companies", {"until": "2015"}, [("Alpha Lab", "frontier_lab", "US", "2015", "active", [], A)]),
]


@pytest.mark.parametrize(("name", "params", "rows"), ROWS, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(ROWS)])
def test_filtered_rows(mini_backend, name, params, rows):
    assert [tuple(row.values()) for row in run(mini_backend, name, params).rows] == rows


ANSWERS = [
    ("deal", {"target": "Epsilon Robotics"},
     "Alpha Lab paid 100M USD for 20% of Epsilon Robotics, 2022 [1 source]; other reports: 120M USD [1]"),
    ("deal", {"acquirer": "Gamma Corp"},
     "Gamma Corp offered an undisclosed amount for Beta AI (rejected), 2023-05 [1 source] | "
     "Gamma Corp paid 500M USD for Delta Labs (licence and hiring of its team), 2024-03 [1 source]; "
     "people who moved with it: Chen Bo, Dana Ruiz"),
    ("rounds", {"org": "Beta AI", "round": "A"},
     "Beta AI raised 100M USD in its A round, 2022-06, valued at 1B USD, led by VC Two [1 source]"),
    ("rounds", {"org": "Beta AI"},
     "Beta AI raised 120M USD in 2 rounds: seed 20M USD (2021-03); A 100M USD (2022-06; valued at 1B USD) [1 source]"),
    ("rounds", {"investor": "VC Two", "led": "true"},
     "2 companies raised 50M CNY + 100M USD in 2 rounds: Epsilon Robotics seed 50M CNY (2020-09); "
     "Beta AI A 100M USD (2022-06; valued at 1B USD) [2 sources]"),
    ("role", {"person": "Chen Bo", "org": "Delta Labs"}, "Chen Bo: Founder at Delta Labs, 2022-04 to 2024-03 [1 source]"),
    ("role", {"person": "Ada Quill"},
     "Ada Quill: Research scientist at Alpha Lab, 2015-01 to 2020-12 [1 source]; Co-founder and CEO at Beta AI, 2021-01 to present [1 source]"),
    ("moves", {"person": "Chen Bo", "org": "Alpha Lab", "direction": "departures"},
     "Chen Bo left Alpha Lab 2022-03 for Delta Labs, joined 2022-04 [2 sources]"),
    ("moves", {"person": "Dana Ruiz", "org": "Gamma Corp", "direction": "arrivals"},
     "Dana Ruiz joined Gamma Corp 2024-03 from Delta Labs, left it 2024-03 (with the gamma-delta-2024 deal) [1 source]"),
    ("moves", {"person": "Fay Wu"}, "Fay Wu left Gamma Research 2018-02 for Alpha Lab, joined 2018-03 [1 source]"),
    ("moves", {"org": "Alpha Lab"}, None),
    ("deal", {"acquirer": "Beta AI"}, None),
]


@pytest.mark.parametrize(("name", "params", "answer"), ANSWERS, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(ANSWERS)])
def test_fact_questions_answer_in_one_line(mini_backend, name, params, answer):
    assert run(mini_backend, name, params).answer == answer


COUNTS = [
    ("moves", {"org": "Alpha Lab", "direction": "departures", "since": "2021", "until": "2022"},
     "2 people: Ben Okafor, Chen Bo [3 sources]"),
    ("people_at", {"org": "Alpha Lab", "also": "Gamma Corp"}, "4 people: Fay Wu, Chen Bo, Dana Ruiz, Hana Sato [3 sources]"),
    ("founders", {"org": "Beta AI"}, "2 founders: Ada Quill, Ben Okafor [1 source]"),
    ("rounds", {"org": "Beta AI"}, "2 rounds [1 source]"),
    ("acquisitions", {}, "2 deals [3 sources]"),
    ("portfolio", {"investor": "VC One"}, "2 companies: Alpha Lab, Beta AI [1 source]"),
    ("investors", {"org": "Beta AI"}, "4 investors: VC One, Gus Moreau, VC Two, Gamma Corp [2 sources]"),
    ("role", {"person": "Dana Ruiz", "as_of": "2014"}, "1 role [1 source]"),
    ("moves", {"org": "Beta AI", "direction": "departures"}, "0 people [0 sources]"),
    ("companies", {"kind": "startup", "since": "2021"}, "2 companies: Beta AI, Delta Labs [2 sources]"),
]


@pytest.mark.parametrize(("name", "params", "answer"), COUNTS, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(COUNTS)])
def test_counts_answer_how_many_and_keep_the_rows(mini_backend, name, params, answer):
    counted = run(mini_backend, name, params, count=True)
    assert counted.answer == answer
    assert counted.rows == run(mini_backend, name, params).rows
    assert counted.params["count"] is True


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("moves", {"direction": "arrivals"}, "direction=arrivals needs org, other or person: departures from or arrivals into which organisation?"),
        ("moves", {"org": "Alpha Lab", "direction": "sideways"}, "direction takes one of departures, arrivals, both, not 'sideways'"),
        ("moves", {"org": "Alpha Lab", "since": "2023", "until": "2021"}, "since (2023) is after until (2021)"),
        ("moves", {"country": "China"}, "country takes a two-letter country code such as US or CN, not 'China'"),
        ("moves", {"kind": "lab"}, "kind takes one of frontier_lab, startup, big_tech, division, investor, university, school, "
                                   "research_institute, other, not 'lab'"),
        ("people_at", {"org": "Alpha Lab", "as_of": "2020", "since": "2019"}, "as_of is a single date: give either as_of, or since and/or until"),
        ("role", {"person": "Ada Quill", "until": "last year"},
         "until: not a partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD, ~ for approximate): 'last year'"),
        ("rounds", {"led": "true"}, "led=true needs investor: rounds led by whom?"),
        ("deal", {"kind": "stake"}, "deal needs org, acquirer or target: which deal? (acquisitions lists them all)"),
        ("companies", {}, "companies needs at least one of kind, country, startups_only, since or until"),
    ],
)
def test_filters_that_cannot_apply_are_refused(mini_backend, name, params, message):
    with pytest.raises(UsageError) as caught:
        run(mini_backend, name, params)
    assert str(caught.value) == message


def test_a_question_without_a_count_refuses_to_count(mini_backend):
    with pytest.raises(UsageError) as caught:
        run(mini_backend, "path", {"a": "Ada Quill", "b": "Chen Bo"}, count=True)
    assert str(caught.value) == (
        "path cannot be counted; these can: acquisitions, alumni_founders, attempted_deals, co_investors, companies, "
        "coworkers, deal, founders, investors, left_for, moves, people_at, portfolio, role, rounds"
    )


def test_an_approximate_bound_means_its_whole_extent(mini_backend):
    assert run(mini_backend, "moves", {"until": "~2019"}).rows == run(mini_backend, "moves", {"until": "2019"}).rows


SHIPPED_ANSWERS = [
    ("deal", {"acquirer": "Meta", "target": "Scale AI"},
     "Meta paid 14.3B USD for 49% of Scale AI, 2025-06 [3 sources]; other reports: 14.8B USD [2], 13.8B USD [1], "
     "15B USD [1]; people who moved with it: Alexandr Wang"),
    ("deal", {"acquirer": "Microsoft", "target": "Inflection AI"},
     "Microsoft paid 650M USD for Inflection AI (licence and hiring of its team), 2024-03 [6 sources]; "
     "people who moved with it: Karén Simonyan, Mustafa Suleyman"),
    ("rounds", {"org": "Mistral AI"},
     "Mistral AI raised 2.79B EUR in 4 rounds: seed 105M EUR (2023-06; valued at 240M EUR); A 385M EUR (2023-12; "
     "other reports: 450M EUR [2]; valued at 2B EUR); B 600M EUR (2024-06; valued at 5.8B EUR); C 1.7B EUR "
     "(2025-09; valued at 11.7B EUR) [13 sources]"),
    ("moves", {"person": "Andrej Karpathy", "org": "OpenAI", "direction": "departures"},
     "Andrej Karpathy left OpenAI 2017-06 for Tesla, joined 2017-06 [10 sources]; "
     "Andrej Karpathy left OpenAI 2024-02 for Eureka Labs, joined 2024 [7 sources]"),
    ("role", {"person": "Mira Murati", "org": "Thinking Machines Lab"},
     "Mira Murati: Founder and CEO at Thinking Machines Lab, 2025-02 to present [7 sources]"),
]


@pytest.mark.parametrize(("name", "params", "answer"), SHIPPED_ANSWERS, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(SHIPPED_ANSWERS)])
def test_fact_answers_on_the_shipped_data(shipped_backend, name, params, answer):
    assert run(shipped_backend, name, params).answer == answer


def test_counts_on_the_shipped_data(shipped_backend):
    counted = run(shipped_backend, "people_at", {"org": "OpenAI", "also": "Google Brain"}, count=True)
    assert counted.answer == (
        "12 people: Ilya Sutskever, Łukasz Kaiser, Chris Olah, Durk Kingma, Wojciech Zaremba, Barret Zoph, "
        "Ian Goodfellow, David Luan, Liam Fedus, Jacob Menick, Jacob Devlin, Tom Brown [45 sources]"
    )
