"""HTML views: the subgraphs they draw, and the pages themselves in a real headless Chromium."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from kg import render
from tests.conftest import MINI, ROOT, load_in_browser

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
ARTIFACTS = ROOT / "tests" / "artifacts"


# -- the views (no browser) -------------------------------------------------------------------------


def test_neighbourhood_holds_people_rounds_investors_and_suitors(mini_graph):
    view = render.neighbourhood_view(mini_graph, "Beta AI")
    ids = {node.id for node in view.nodes}
    # people at depth 1; its rounds cost no step, so their investors stand at depth 1 too
    assert ids == {
        "beta-ai", "ada-quill", "ben-okafor", "fay-wu", "gus-moreau", "beta-ai-seed-2021", "beta-ai-a-2022",
        "vc-one", "vc-two", "gamma-corp", "gamma-beta-2023",
    }
    assert view.note == "Beta AI and everything within 1 step: 11 nodes"
    founders = {e.label for e in view.edges if e.source == "ada-quill" and e.target == "beta-ai"}
    assert founders == {"founded 2021-01; worked at 2021-01–present"}


def test_big_views_are_pruned_to_their_most_connected_part_and_say_so(mini_graph):
    whole = render.neighbourhood_view(mini_graph, "Alpha Lab", depth=2)
    view = render.neighbourhood_view(mini_graph, "Alpha Lab", depth=2, max_nodes=6)
    assert len(whole.nodes) > 6
    assert len(view.nodes) == 6
    assert view.nodes[0].id == "alpha-lab"
    assert view.note.endswith(f"(pruned from {len(whole.nodes)} to the 6 most connected)")
    # what is kept hangs together: every node reaches the centre through kept nodes
    linked = {"alpha-lab"}
    for _ in view.nodes:
        linked |= {e.source for e in view.edges if e.target in linked} | {e.target for e in view.edges if e.source in linked}
    assert linked == {node.id for node in view.nodes}


def test_flows_view_rolls_units_into_their_organisation(mini_graph):
    view = render.flows_view(mini_graph, ["Alpha Lab", "Gamma Corp", "Delta Labs"])
    edges = {(e.source, e.target): e.label for e in view.edges}
    assert edges == {("alpha-lab", "delta-labs"): "2", ("alpha-lab", "gamma-corp"): "1", ("delta-labs", "gamma-corp"): "2", ("gamma-corp", "alpha-lab"): "3"}
    assert next(e.tooltip for e in view.edges if e.source == "gamma-corp") == (
        "3 from Gamma Corp to Alpha Lab: Chen Bo, Fay Wu, Hana Sato\n"
        "sources: Test Gazette, 2024-01-02: Fixture source A; Test Courier, 2024-05: Fixture source B; 测试日报, 2023: 測試來源 C"
    )


def test_answer_view_draws_the_entities_behind_the_rows(mini_graph):
    from kg.backends.embedded import EmbeddedBackend
    from kg.questions import run

    result = run(EmbeddedBackend(mini_graph), "founders", {"org": "Beta AI"})
    view = render.answer_view(mini_graph, result)
    assert {node.id for node in view.nodes} == {"ada-quill", "ben-okafor", "beta-ai", "alpha-lab"}
    # each founder to Beta AI (founded and worked) and to Alpha Lab, and the talent flow between the two
    assert sorted((e.source, e.target) for e in view.edges) == [
        ("ada-quill", "alpha-lab"), ("ada-quill", "beta-ai"), ("alpha-lab", "beta-ai"), ("ben-okafor", "alpha-lab"), ("ben-okafor", "beta-ai"),
    ]


def test_the_page_is_self_contained_utf8_and_escaped(tmp_path, mini_graph):
    path = render.write_html(render.neighbourhood_view(mini_graph, "陳博"), tmp_path / "chen.html")
    page = path.read_bytes().decode("utf-8")
    assert "<link" not in page and 'src="http' not in page  # no stylesheet or script from a CDN
    assert re.findall(r"<title>(.*?)</title>", page) == ["Chen Bo: neighbourhood"]
    start = page.index("nodes = new vis.DataSet(") + len("nodes = new vis.DataSet(")
    drawn = json.loads(page[start : page.index(");", start)])
    tooltip = next(node["tip"] for node in drawn if node["id"] == "chen-bo")
    assert tooltip.startswith("Chen Bo\nalso: 陈博, 陳博, Bo Chen\n")


# -- the pages in a browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(chromium):
    """The shared headless Chromium (tests/conftest.py)."""
    return chromium


def open_page(browser, path: Path) -> dict:
    """Load a page from a file:// URL, wait until it is drawn; return its console messages and requests."""
    return load_in_browser(browser, path)


@pytest.mark.browser
def test_thinking_machines_lab_page_loads_offline_and_draws_its_view(browser, shipped_graph, tmp_path):
    view = render.neighbourhood_view(shipped_graph, "Thinking Machines Lab")
    path = render.write_html(view, tmp_path / "tml.html")
    seen = open_page(browser, path)
    assert seen["console"] == []
    assert seen["requests"] == [path.resolve().as_uri()]
    assert browser.execute_script("return [nodes.length, edges.length]") == [len(view.nodes), len(view.edges)]
    drawn = set(browser.execute_script("return nodes.getIds()"))
    assert {"thinking-machines-lab", "mira-murati", "lilian-weng", "a16z", "thinking-machines-lab-seed-2025"} <= drawn
    assert browser.find_element("id", "kg-title").text == "Thinking Machines Lab: neighbourhood"
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "thinking-machines-lab.png"))
    assert (ARTIFACTS / "thinking-machines-lab.png").stat().st_size > 20_000


@pytest.mark.browser
def test_search_box_finds_and_selects_a_node(browser, mini_graph, tmp_path):
    from selenium.webdriver.common.keys import Keys

    path = render.write_html(render.neighbourhood_view(mini_graph, "Alpha Lab"), tmp_path / "alpha.html")
    open_page(browser, path)
    box = browser.find_element("id", "kg-search")
    box.send_keys("hana", Keys.ENTER)
    assert browser.execute_script("return network.getSelectedNodes()") == ["hana-sato"]
    assert browser.find_element("id", "kg-status").text == "found: Hana Sato"
    box.clear()
    box.send_keys("nobody at all", Keys.ENTER)
    assert browser.find_element("id", "kg-status").text == "not in this view"


@pytest.mark.browser
def test_legend_lists_the_kinds_drawn_and_filters_them(browser, mini_graph, tmp_path):
    view = render.neighbourhood_view(mini_graph, "Alpha Lab")
    path = render.write_html(view, tmp_path / "alpha.html")
    open_page(browser, path)
    rows = browser.find_elements("css selector", "#kg-legend div")
    assert [row.text for row in rows] == [render.KINDS[k][0] for k in render.KINDS if any(n.kind == k for n in view.nodes)]
    people = browser.find_element("css selector", "#kg-legend div[data-kind='person']")
    visible_people = "return nodes.get().filter(function (n) { return n.kind === 'person' && !n.hidden; }).length"
    before = browser.execute_script(visible_people)
    assert before == sum(1 for n in view.nodes if n.kind == "person") > 0
    people.click()
    assert browser.execute_script(visible_people) == 0
    people.click()
    assert browser.execute_script(visible_people) == before


def _hostile_views():
    from kg.store import build_graph

    graph = build_graph(HOSTILE)
    views = {center: render.neighbourhood_view(graph, center, depth=2) for center in ("mallory", "evil-corp", "quiet-lab", "href-fund", "trent")}
    views["path"] = render.path_view(graph, "mallory", "href-fund")
    views["flows"] = render.flows_view(graph, ["quiet-lab", "evil-corp"])
    return graph, views


def _hover(browser, canvas, point) -> list | None:
    """Move the mouse to a canvas point; the visible tooltip's text and the tags of its elements, or None."""
    from selenium.webdriver.common.action_chains import ActionChains

    width, height = browser.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", canvas)
    ActionChains(browser).move_to_element_with_offset(canvas, int(point[0] - width / 2), int(point[1] - height / 2)).perform()
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        tooltip = browser.execute_script(
            "var t = document.querySelector('div.vis-tooltip');"
            "return t && t.style.visibility !== 'hidden' ? [t.textContent, Array.from(t.querySelectorAll('*')).map(function (e) { return e.tagName + '.' + e.className; })] : null"
        )
        if tooltip:
            return tooltip
        time.sleep(0.05)
    return None


def _away(browser, canvas) -> None:
    """Move the mouse to an empty part of the canvas and wait until the tooltip is hidden."""
    from selenium.webdriver.common.action_chains import ActionChains

    width, height = browser.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", canvas)
    empty = browser.execute_script(
        "for (var x = arguments[0] - 5; x > 400; x -= 37) { for (var y = arguments[1] - 5; y > 5; y -= 29) {"
        "  if (network.getNodeAt({x: x, y: y}) === undefined && network.getEdgeAt({x: x, y: y}) === undefined) { return [x, y]; } } }"
        "return null;", width, height,
    )
    assert empty is not None, "no empty place on the canvas"
    ActionChains(browser).move_to_element_with_offset(canvas, int(empty[0] - width / 2), int(empty[1] - height / 2)).perform()
    deadline = time.monotonic() + 3
    while browser.execute_script("var t = document.querySelector('div.vis-tooltip'); return !!t && t.style.visibility !== 'hidden'"):
        assert time.monotonic() < deadline, "the tooltip stayed open away from every node and edge"
        time.sleep(0.05)


# each point is first brought to the middle of the canvas, away from the panel drawn over its corner
_NODE_POINT = """
var at = network.getPosition(arguments[0]);
network.moveTo({position: at, scale: 1.0, animation: false});
var p = network.canvasToDOM(at);
return [p.x, p.y];
"""
# an edge is hovered alone (the others hidden for that moment), where no node covers it
_EDGE_POINT = """
var edge = edges.get(arguments[0]), a = network.getPosition(edge.from), b = network.getPosition(edge.to);
edges.update(edges.get().map(function (e) { return {id: e.id, hidden: e.id !== edge.id}; }));
network.moveTo({position: {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}, scale: 1.0, animation: false});
for (var i = 0; i <= 20; i++) {
  // along the edge as drawn (flow arrows are curved): vis-network's own point of the edge at t
  var t = 0.5 + (i % 2 ? 1 : -1) * Math.ceil(i / 2) / 30, p = network.canvasToDOM(network.body.edges[arguments[0]].edgeType.getPoint(t));
  if (network.getNodeAt(p) === undefined && network.getEdgeAt(p) === arguments[0]) { return [p.x, p.y]; }
}
return null;
"""


@pytest.mark.browser
@pytest.mark.parametrize("name", ["mallory", "evil-corp", "quiet-lab", "href-fund", "trent", "path", "flows"])
def test_hostile_text_shows_as_text_runs_nothing_and_fetches_nothing_when_hovered(browser, tmp_path, name):
    from selenium.common.exceptions import NoAlertPresentException

    graph, views = _hostile_views()
    view = views[name]
    path = render.write_html(view, tmp_path / "hostile.html")
    page = path.read_text(encoding="utf-8")
    assert "popup.innerHTML" not in page and "href" in page  # the data says href, and pyvis's popup is not there
    seen = open_page(browser, path)
    assert seen["console"] == []
    if view.title.endswith("neighbourhood"):
        assert browser.find_element("id", "kg-title").text == view.title
    labels = browser.execute_script("return nodes.get().map(function (n) { return n.label; })")
    assert sorted(labels) == sorted(node.label for node in view.nodes)
    # the elements in the page are those kg wrote, none made from the data (leaving aside what
    # vis-network draws into #mynetwork the names the search box offers and the legend, built with values and textContent)
    assert browser.execute_script(
        "return Array.from(document.querySelectorAll('*')).filter(function (e) { return !e.closest('#mynetwork > *, #kg-names > *, #kg-legend > *'); })"
        ".map(function (e) { return e.tagName.toLowerCase(); }).sort()"
    ) == _tags(path)
    canvas = browser.find_element("css selector", "#mynetwork canvas")
    hovered = []
    for node in view.nodes:
        _away(browser, canvas)
        point = browser.execute_script(_NODE_POINT, node.id)
        hovered.append((node.tooltip, _hover(browser, canvas, point)))
    edge_ids = browser.execute_script("return edges.getIds()")
    tips = browser.execute_script("return edges.get().map(function (e) { return e.tip; })")
    for edge_id, tip in zip(edge_ids, tips):
        _away(browser, canvas)
        point = browser.execute_script(_EDGE_POINT, edge_id)
        assert point is not None, f"no point on the edge {tip!r} to hover"
        hovered.append((tip, _hover(browser, canvas, point)))
    assert len(hovered) == len(view.nodes) + len(view.edges) > 0
    # every tooltip opened, held exactly its text, and was one text box with no element made from the data
    assert [(text, tooltip) for text, tooltip in hovered if tooltip != [text, ["DIV.kg-tip"]]] == []
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    # no request left the page: neither in Chromium's network log nor in the page's own resource timing
    events = [json.loads(entry["message"])["message"] for entry in browser.get_log("performance")]
    requests = [e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"]
    assert [url for url in seen["requests"] + requests if not url.startswith(("chrome:", "data:", "about:"))] == [path.resolve().as_uri()]
    assert browser.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })") == []


def _tags(path: Path) -> list[str]:
    """The elements of the page as an HTML parser sees them (script bodies are not parsed for tags)."""
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        tags: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

    parser = Collector()
    parser.tags = []
    parser.feed(path.read_text(encoding="utf-8"))
    return sorted(parser.tags)


@pytest.mark.browser
def test_path_flows_and_answer_pages(browser, shipped_graph, tmp_path):
    from kg.ask import ask
    from kg.backends.embedded import EmbeddedBackend

    from kg.questions import run

    backend = EmbeddedBackend(shipped_graph)
    path = run(backend, "path", {"a": "Lilian Weng", "b": "Alexandr Wang"})
    answer = ask(backend, "who left OpenAI for which startup?")
    views = [
        render.path_view(shipped_graph, "Lilian Weng", "Alexandr Wang"),
        render.flows_view(shipped_graph, ["OpenAI", "Anthropic", "Google", "Meta", "xAI"]),
        render.answer_view(shipped_graph, answer),
    ]
    # each view draws exactly the entities it is about
    drawn = [path.entities, ["openai", "anthropic", "google", "meta", "xai"], answer.entities]
    for view, ids in zip(views, drawn):
        assert sorted(node.id for node in view.nodes) == sorted(ids)
    for number, view in enumerate(views):
        path = render.write_html(view, tmp_path / f"view-{number}.html")
        seen = open_page(browser, path)
        assert seen["console"] == [] and seen["requests"] == [path.resolve().as_uri()]
        assert browser.execute_script("return [nodes.length, edges.length]") == [len(view.nodes), len(view.edges)]
