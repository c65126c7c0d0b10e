"""kg ask: phrasings in English, German and Chinese, the question and parameters each maps to."""

from __future__ import annotations

import json

import pytest

from kg.ask import understand
from kg.errors import NoAnswer, NotFound
from kg.backends.embedded import EmbeddedBackend
from tests.conftest import MINI

PHRASINGS = [
    # left_for
    ("who left Alpha Lab for which startup?", "left_for", {"org": "alpha-lab", "startups_only": True}),
    ("Who has left alpha lab to found a company", "left_for", {"org": "alpha-lab", "startups_only": True}),
    ("who left Alpha Lab for Delta Labs", "left_for", {"org": "alpha-lab", "to": "delta-labs"}),
    ("who moved from Alpha Lab to Beta AI?", "left_for", {"org": "alpha-lab", "to": "beta-ai"}),
    ("where did Alpha Lab alumni go?", "left_for", {"org": "alpha-lab"}),
    ("departures from Gamma Corp", "left_for", {"org": "gamma-corp"}),
    ("Wer hat Alpha Lab für welche Start-ups verlassen?", "left_for", {"org": "alpha-lab", "startups_only": True}),
    ("Wer ist von Alpha Lab zu Delta Labs gewechselt?", "left_for", {"org": "alpha-lab", "to": "delta-labs"}),
    ("谁离开了阿尔法实验室加入了哪家创业公司？", "moves", {"org": "alpha-lab", "direction": "departures", "startups_only": True}),
    ("誰離開了阿爾法實驗室加入了哪家創業公司", "moves", {"org": "alpha-lab", "direction": "departures", "startups_only": True}),
    ("哪些人从阿尔法实验室跳槽到Delta Labs", "left_for", {"org": "alpha-lab", "to": "delta-labs"}),
    # offers
    ("who turned down Gamma Corp's offers?", "offers", {"org": "gamma-corp", "outcome": "declined"}),
    ("Wer hat die Angebote von Gamma Corp abgelehnt?", "offers", {"org": "gamma-corp", "outcome": "declined"}),
    ("谁拒绝了Gamma Corp的offer", "offers", {"org": "gamma-corp", "outcome": "declined"}),
    # founders
    ("who founded Beta AI?", "founders", {"org": "beta-ai"}),
    ("Beta AI's founders", "founders", {"org": "beta-ai"}),
    ("founders of Epsilon Robotics", "founders", {"org": "epsilon"}),
    ("Wer hat Beta AI gegründet?", "founders", {"org": "beta-ai"}),
    ("谁创立了Beta AI", "founders", {"org": "beta-ai"}),
    ("Beta AI的创始人是谁", "founders", {"org": "beta-ai"}),
    # alumni_founders
    ("which companies did North University alumni found?", "alumni_founders", {"org": "north-university"}),
    ("former Alpha Lab staff who founded companies", "alumni_founders", {"org": "alpha-lab"}),
    ("Alpha Lab alumni startups", "alumni_founders", {"org": "alpha-lab"}),
    ("the Alpha Lab mafia", "alumni_founders", {"org": "alpha-lab"}),
    ("Welche Firmen haben North-University-Absolventen gegründet?", "alumni_founders", {"org": "north-university"}),
    ("北方大學校友創辦了哪些公司", "alumni_founders", {"org": "north-university"}),
    # people_at
    ("who worked at Gamma Corp in 2020?", "people_at", {"org": "gamma-corp", "as_of": "2020"}),
    ("who works at Delta Labs", "people_at", {"org": "delta-labs"}),
    ("Wer arbeitete 2020 bei Gamma Corp?", "people_at", {"org": "gamma-corp", "as_of": "2020"}),
    ("谁在Delta Labs工作过", "people_at", {"org": "delta-labs"}),
    # career
    ("career of Chen Bo", "career", {"person": "chen-bo"}),
    ("Chen Bo's career", "career", {"person": "chen-bo"}),
    ("Werdegang von Chen Bo", "career", {"person": "chen-bo"}),
    ("陳博的履历", "career", {"person": "chen-bo"}),
    # coworkers
    ("who worked with Dana Ruiz?", "coworkers", {"person": "dana-ruiz"}),
    ("who worked with Dana Ruiz at Alpha Lab", "coworkers", {"person": "dana-ruiz", "org": "alpha-lab"}),
    ("Kollegen von Dana Ruiz", "coworkers", {"person": "dana-ruiz"}),
    ("谁和陈博共事过", "coworkers", {"person": "chen-bo"}),
    # investors, portfolio, co_investors
    ("who backed Beta AI?", "investors", {"org": "beta-ai"}),
    ("Beta AI's investors", "investors", {"org": "beta-ai"}),
    ("Wer hat in Beta AI investiert?", "investors", {"org": "beta-ai"}),
    ("谁投资了Beta AI", "investors", {"org": "beta-ai"}),
    ("what did VC One invest in?", "portfolio", {"investor": "vc-one"}),
    ("VC One's portfolio", "portfolio", {"investor": "vc-one"}),
    ("VC One投资了哪些公司", "portfolio", {"investor": "vc-one"}),
    ("who backed both Beta AI and Alpha Lab?", "co_investors", {"a": "beta-ai", "b": "alpha-lab"}),
    ("Wer hat sowohl in Beta AI als auch in Alpha Lab investiert?", "co_investors", {"a": "beta-ai", "b": "alpha-lab"}),
    ("谁同时投资了Beta AI和阿尔法实验室", "co_investors", {"a": "beta-ai", "b": "alpha-lab"}),
    # acquisitions, attempted_deals
    ("which startups did Gamma Corp acqui-hire?", "acquisitions", {"org": "gamma-corp", "kind": "acqui_hire"}),
    ("which startups were acqui-hired?", "acquisitions", {"kind": "acqui_hire"}),
    ("Gamma Corp's acquisitions", "acquisitions", {"org": "gamma-corp"}),
    ("who acquired Delta Labs?", "acquisitions", {"org": "delta-labs"}),
    ("Welche Firmen hat Gamma Corp übernommen?", "acquisitions", {"org": "gamma-corp"}),
    ("Gamma Corp收购了哪些公司", "acquisitions", {"org": "gamma-corp"}),
    ("which acquisitions did Gamma Corp attempt?", "attempted_deals", {"org": "gamma-corp"}),
    ("who tried to buy Beta AI?", "attempted_deals", {"org": "beta-ai"}),
    ("failed acquisitions", "attempted_deals", {}),
    ("谁试图收购Beta AI", "attempted_deals", {"org": "beta-ai"}),
    # flows, top_flows
    ("talent flows between Alpha Lab and Gamma Corp", "flows", {"a": "alpha-lab", "b": "gamma-corp"}),
    ("Talentfluss zwischen Alpha Lab und Gamma Corp", "flows", {"a": "alpha-lab", "b": "gamma-corp"}),
    ("阿尔法实验室和Gamma Corp之间的人才流动", "flows", {"a": "alpha-lab", "b": "gamma-corp"}),
    ("which labs are the biggest net importers of talent?", "top_flows", {"by": "org"}),
    ("the biggest talent flows", "top_flows", {}),
    ("最大的人才流动", "top_flows", {}),
    # path
    ("how is Ada Quill connected to VC One?", "path", {"a": "ada-quill", "b": "vc-one"}),
    ("connection between Ada Quill and Chen Bo", "path", {"a": "ada-quill", "b": "chen-bo"}),
    ("Wie ist Ada Quill mit Chen Bo verbunden?", "path", {"a": "ada-quill", "b": "chen-bo"}),
    ("陈博和吴菲有什么关系", "path", {"a": "chen-bo", "b": "fay-wu"}),
    # influence
    ("who are the most influential people?", "influence", {"kind": "person"}),
    ("most central organisations in AI", "influence", {"kind": "org"}),
    ("最有影响力的人是谁", "influence", {"kind": "person"}),
    # moves, rounds, deal, role
    ("who joined Gamma Corp from Delta Labs?", "moves", {"org": "gamma-corp", "other": "delta-labs", "direction": "arrivals"}),
    ("who joined Alpha Lab", "moves", {"org": "alpha-lab", "direction": "arrivals"}),
    ("wer kam zu Alpha Lab?", "moves", {"org": "alpha-lab", "direction": "arrivals"}),
    ("谁加入了阿尔法实验室", "moves", {"org": "alpha-lab", "direction": "arrivals"}),
    ("funding rounds of Beta AI", "rounds", {"org": "beta-ai"}),
    ("which Chinese startups?", "companies", {"country": "CN", "startups_only": True}),
    ("Welche chinesischen Start-ups", "companies", {"country": "CN", "startups_only": True}),
    ("中国的创业公司有哪些", "companies", {"country": "CN", "startups_only": True}),
    ("Finanzierungsrunden von Beta AI", "rounds", {"org": "beta-ai"}),
    ("阿尔法实验室的融资轮次", "rounds", {"org": "alpha-lab"}),
    ("how much did Alpha Lab pay for Epsilon Robotics?", "deal", {"acquirer": "alpha-lab", "target": "epsilon"}),
    ("Wie viel hat Gamma Corp für Delta Labs bezahlt?", "deal", {"acquirer": "gamma-corp", "target": "delta-labs"}),
    ("阿尔法实验室花了多少钱收购Epsilon Robotics", "deal", {"acquirer": "alpha-lab", "target": "epsilon"}),
    ("what is Chen Bo's title at Gamma Corp?", "role", {"person": "chen-bo", "org": "gamma-corp"}),
    ("Welche Position hat Fay Wu bei Alpha Lab?", "role", {"person": "fay-wu", "org": "alpha-lab"}),
    ("陈博在Gamma Corp的职位是什么", "role", {"person": "chen-bo", "org": "gamma-corp"}),
    # no phrasing matches: keywords plus the entities named in the text
    ("tell me who funded beta ai please", "investors", {"org": "beta-ai"}),
]


@pytest.fixture(scope="module")
def backend(mini_graph):
    return EmbeddedBackend(mini_graph)


@pytest.mark.parametrize(("text", "intent", "params"), PHRASINGS, ids=[p[0] for p in PHRASINGS])
def test_phrasing_maps_to_question_and_parameters(backend, text, intent, params):
    understood = understand(backend, text)
    assert (understood.intent, understood.params) == (intent, params)


def test_an_unknown_name_gets_did_you_mean(backend):
    with pytest.raises(NotFound) as caught:
        understand(backend, "who left Alpah Lab for which startup?")
    assert str(caught.value) == "no organisation called 'Alpah Lab'; did you mean Alpha Lab?"


def test_an_unmappable_question_lists_the_closest_questions(backend):
    with pytest.raises(NoAnswer) as caught:
        understand(backend, "what is the weather like in Paris")
    message = str(caught.value)
    assert message.startswith("kg could not map 'what is the weather like in Paris' to a question it knows; the closest: ")
    assert message.count('("') == 3  # three questions, each with an example


@pytest.mark.parametrize(
    ("text", "code", "stderr"),
    [
        ("who left Alpah Lab for which startup?", 1, "error: no organisation called 'Alpah Lab'; did you mean Alpha Lab?\n"),
        ("what is the weather like in Paris", 1, None),
    ],
)
def test_ask_exit_codes(kg, text, code, stderr):
    result = kg("ask", text, "--seeds", str(MINI))
    assert result.exit_code == code
    assert result.stdout == ""
    if stderr:
        assert result.stderr == stderr


def test_ask_says_what_it_understood(kg):
    result = kg("ask", "谁创立了Beta AI", "--seeds", str(MINI), "--format", "json")
    data = json.loads(result.stdout)
    assert (data["question"], data["intent"], data["params"]) == ("谁创立了Beta AI", "founders", {"org": "beta-ai"})
    table = kg("ask", "who founded Beta AI", "--seeds", str(MINI))
    assert table.stdout.splitlines()[0].strip() == "understood as founders(org=Beta AI): 2 rows"


def test_as_of_applies_where_time_matters(kg):
    result = kg("ask", "who works at Gamma Corp", "--as-of", "2020", "--seeds", str(MINI), "--format", "json")
    data = json.loads(result.stdout)
    assert data["params"] == {"org": "gamma-corp", "as_of": "2020"}
    assert [row["person"] for row in data["rows"]] == ["Hana Sato"]
