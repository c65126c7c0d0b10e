"""HTML views: the subgraphs they draw, and the pages themselves in a real headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from kg import render
from tests.conftest import MINI, ROOT

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
    tooltip = next(node["title"] for node in drawn if node["id"] == "chen-bo")
    assert tooltip.startswith("Chen Bo\nalso: 陈博, 陳博, Bo Chen\n")


# -- the pages in a browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        pytest.skip("no Chromium and ChromeDriver on this machine (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,900",
        f"--user-data-dir={tempfile.mkdtemp(prefix='kg-chromium-')}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    yield driver
    driver.quit()


def open_page(browser, path: Path) -> dict:
    """Load a page from a file:// URL, wait until it is drawn; return its console messages and requests."""
    browser.get_log("browser")
    browser.get_log("performance")
    browser.get(path.resolve().as_uri())
    deadline = time.monotonic() + 60
    while browser.execute_script("return document.body.dataset.drawn") != "yes":
        assert time.monotonic() < deadline, "the page was never drawn"
        time.sleep(0.05)
    events = [json.loads(entry["message"])["message"] for entry in browser.get_log("performance")]
    requests = [e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"]
    return {"console": browser.get_log("browser"), "requests": [u for u in requests if not u.startswith(("chrome:", "data:", "about:"))]}


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


@pytest.mark.browser
@pytest.mark.parametrize("center", ["mallory", "evil-corp"])
def test_hostile_names_show_as_text_and_run_nothing(browser, tmp_path, center):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains

    from kg.store import build_graph

    graph = build_graph(HOSTILE)
    view = render.neighbourhood_view(graph, center)
    path = render.write_html(view, tmp_path / "hostile.html")
    seen = open_page(browser, path)
    assert seen["console"] == []
    assert browser.execute_script("return typeof window.kgPwned") == "undefined"
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert browser.find_element("id", "kg-title").text == f"{graph.name(center)}: neighbourhood"
    labels = browser.execute_script("return nodes.get().map(function (n) { return n.label; })")
    assert sorted(labels) == sorted(node.label for node in view.nodes)
    assert browser.execute_script("return document.querySelectorAll('img, svg').length") == 0
    assert browser.execute_script("return document.scripts.length") == _script_tags(path)
    # hover the centre: the tooltip shows the hostile text as text, with no element made from it
    x, y = browser.execute_script(f"var p = network.canvasToDOM(network.getPosition({json.dumps(center)})); return [p.x, p.y];")
    canvas = browser.find_element("css selector", "#mynetwork canvas")
    ActionChains(browser).move_to_element_with_offset(canvas, 0, 0).move_by_offset(0, 0).perform()
    rect = browser.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", canvas)
    ActionChains(browser).move_to_element_with_offset(canvas, int(x - rect[0] / 2), int(y - rect[1] / 2)).perform()
    deadline = time.monotonic() + 5
    tooltip = None
    while time.monotonic() < deadline:
        tooltip = browser.execute_script(
            "var t = document.querySelector('div.vis-tooltip');"
            "return t && t.style.visibility !== 'hidden' ? [t.textContent, t.querySelectorAll(':not(br)').length] : null"
        )
        if tooltip:
            break
        time.sleep(0.1)
    assert tooltip is not None, "no tooltip on hover"
    text, elements = tooltip
    assert text.startswith(graph.name(center))
    assert elements == 0  # text only: the lines are broken with <br>, nothing else is an element
    assert browser.execute_script("return typeof window.kgPwned") == "undefined"


def _script_tags(path: Path) -> int:
    """Script elements in the page as an HTML parser sees them (script bodies are not parsed for tags)."""
    from html.parser import HTMLParser

    class Counter(HTMLParser):
        count = 0

        def handle_starttag(self, tag, attrs):
            self.count += tag == "script"

    parser = Counter()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.count


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
