"""The cypher/ files in the real Neo4j Browser: pasted as a user would, rows equal to ``kg query``.

The Browser (the web app Neo4j ships, from Maven Central, served by ``tests/neo4j_browser``) runs
in headless Chromium and connects to the test server over Bolt. For every file it gets the file's
``:param`` lines, then the whole file, pasted into its editor; the rows of its table view go
through kg's own finishing step and must equal what ``kg query`` prints on the same graph.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kg.browser_guide import CypherFile, cypher_files, guide_server
from tests.conftest import ROOT, SEEDS, seeds_elements

ARTIFACTS = ROOT / "tests" / "artifacts"
FILES = cypher_files(ROOT / "cypher")
QUESTIONS = [file for file in FILES if not file.is_view]
VIEWS = [file for file in FILES if file.is_view]

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

# Pastes text into the focused Monaco editor the way a clipboard paste does (a paste event carrying
# the text), so multi-line text arrives exactly as written: no auto-closed quotes, no auto-indent.
PASTE = """
const area = document.querySelector('#monaco-main-editor textarea');
area.focus();
const data = new DataTransfer();
data.setData('text/plain', arguments[0]);
area.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
"""
# Marks the frames on screen, so the next one can be told apart even when its command repeats.
MARK_FRAMES = "document.querySelectorAll('[data-testid=frame]').forEach(f => f.dataset.kgSeen = '1');"
NEW_FRAME = "return document.querySelector('[data-testid=frame]:not([data-kg-seen])');"


class BrowserError(AssertionError):
    """The Browser showed an error for what was run."""


class NeoBrowser:
    """The Neo4j Browser in Chromium, used through its editor and its result frames."""

    def __init__(self, driver):
        self.driver = driver

    def connect(self, app_url: str, bolt_uri: str, user: str, password: str) -> None:
        from selenium.webdriver.common.by import By

        self.driver.get(f"{app_url}?connectURL={bolt_uri}")
        self.wait(lambda: self.driver.find_elements(By.CSS_SELECTOR, "input[data-testid=username]"), "the connect form")
        self.driver.find_element(By.CSS_SELECTOR, "input[data-testid=username]").send_keys(user)
        self.driver.find_element(By.CSS_SELECTOR, "input[data-testid=password]").send_keys(password)
        self.driver.find_element(By.CSS_SELECTOR, "button[data-testid=connect]").click()
        self.wait(lambda: "You are connected as user" in self.driver.find_element(By.TAG_NAME, "body").text, "a connection")

    def run(self, text: str):
        """Paste ``text`` into the editor, run it (Ctrl+Enter), and return its frame once it has finished."""
        self.driver.execute_script(MARK_FRAMES)
        self.driver.execute_script(PASTE, text)
        return self.run_editor()

    def run_editor(self):
        """Run what the editor holds; its frame once finished."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        self.driver.execute_script(MARK_FRAMES)
        self.driver.execute_script("document.querySelector('#monaco-main-editor textarea').focus();")
        ActionChains(self.driver).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()
        frame = self.wait(lambda: self.driver.execute_script(NEW_FRAME), "a new frame")
        self.wait(lambda: _finished(frame), "the frame to finish")
        errors = frame.find_elements("css selector", "[data-testid=cypherFrameErrorMessage], [data-testid=errorBanner]")
        if errors or "ERROR" in frame.text.split("\n")[1:3]:
            raise BrowserError(frame.text)
        return frame

    def set_params(self, lines: tuple[str, ...]) -> dict[str, Any]:
        """Clear the Browser's parameters, run the ``:param`` lines as pasted, return what ``:params`` shows."""
        self.run(":params {}")
        if lines:
            frame = self.run("\n".join(lines))
            statuses = [icon.get_attribute("title") for icon in frame.find_elements("css selector", "[data-testid=multi-statement-list-icon]")]
            if len(lines) > 1:  # several statements: the Browser lists each with its status
                assert statuses == ["Status: success"] * len(lines), frame.text
        shown = self.run(":params").find_element("css selector", "[data-testid=rawParamData]")
        return typed(json.loads(shown.get_attribute("textContent")))

    def table(self, frame) -> tuple[list[str], list[dict[str, Any]]]:
        """The columns and rows of a frame's table view, each cell read as the JSON the Browser shows."""
        buttons = frame.find_elements("css selector", "[data-testid=cypherFrameSidebarTable]")
        if buttons:
            buttons[0].click()
        table = frame.find_element("css selector", "table[role=table]")
        columns, cells = self.driver.execute_script(
            "const t = arguments[0];"
            "return [[...t.querySelectorAll('th[role=columnheader]')].map(h => h.textContent),"
            "        [...t.querySelectorAll('tbody tr')].map(r => [...r.querySelectorAll('td[role=cell]')].map(c => c.textContent))];",
            table,
        )
        rows = [dict(zip(columns, (_cell(cell) for cell in row))) for row in cells]
        assert streamed(frame) == len(rows), "the table view holds fewer rows than the query returned"
        return columns, rows

    def wait(self, condition, what: str, seconds: float = 60):
        deadline = time.monotonic() + seconds
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"the Neo4j Browser never showed {what}")
            time.sleep(0.1)


def typed(values: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    """Values with their types, so that 6 and 6.0 differ (the Browser shows a float as 6.0)."""
    return {key: (type(value).__name__, value) for key, value in values.items()}


def _finished(frame) -> bool:
    text = frame.text
    if frame.find_elements("css selector", "[data-testid=spinner]"):
        return False
    if frame.find_elements("css selector", "[data-testid=multi-statement-list]"):
        icons = frame.find_elements("css selector", "[data-testid=multi-statement-list-icon]")
        return bool(icons) and all(icon.get_attribute("title") in ("Status: success", "Status: error") for icon in icons)
    return "completed after" in text or "Displaying " in text or "ERROR" in text or "Successfully set" in text or bool(
        frame.find_elements("css selector", "[data-testid=rawParamData]")
    )


def _cell(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise AssertionError(f"a table cell that is not JSON: {text!r}") from None


def streamed(frame) -> int:
    """The number of records the status bar says the query returned."""
    import re

    status = frame.find_element("css selector", "[data-testid=frameStatusbar]").text
    match = re.search(r"Started streaming (\d+) records?", status)
    assert match, status
    return int(match.group(1))


# -- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def shipped_neo4j(neo4j_graphs):
    """The test server holding the shipped graph; the Neo4j backend reading it."""
    return neo4j_graphs.backend("shipped", seeds_elements(SEEDS))


@pytest.fixture(scope="session")
def neo_browser(neo4j_settings):
    """The real Neo4j Browser, served on a loopback port, connected to the test server."""
    from tests.neo4j_browser import app

    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        pytest.skip("no Chromium and ChromeDriver on this machine (apt-get install chromium chromium-driver)")
    ok, why = app.available()
    if not ok:
        pytest.skip(f"no Neo4j Browser for the tests: {why}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
        f"--user-data-dir={tempfile.mkdtemp(prefix='kg-neo4j-browser-')}",
    ):
        options.add_argument(argument)
    with app.serve() as app_url:
        driver = webdriver.Chrome(service=Service(chromedriver), options=options)
        try:
            browser = NeoBrowser(driver)
            browser.connect(app_url, neo4j_settings.uri, neo4j_settings.user, neo4j_settings.password)
            yield browser
        finally:
            driver.quit()


@pytest.fixture(scope="session")
def guide_url():
    """The kg guide, served by kg's own guide server on a free port, at a localhost address."""
    server = guide_server(ROOT / "cypher", host="127.0.0.1", port=0, url_host="localhost")
    thread = threading.Thread(target=server.serve_forever, name="kg-guide", daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}/kg.html"
    server.shutdown()
    server.server_close()


# -- what kg answers, and what the Browser shows -----------------------------------------------------


def header_values(backend, file: CypherFile) -> dict[str, Any]:
    """The values the file's ``:param`` lines set, evaluated by Neo4j as the Browser has it do."""
    values = {}
    for line in file.param_lines:
        name, expression = line.removeprefix(":param ").rstrip(";").split(" => ", 1)
        values[name] = backend.read(f"RETURN {expression} AS value")[1][0]["value"]
    return values


def kg_query(kg, settings, name: str, values: dict[str, Any]) -> dict[str, Any]:
    """``kg query NAME -p key=value … --backend neo4j --format json``, parsed."""
    args = ["query", name, "--backend", "neo4j", "--format", "json"]
    for key, value in values.items():
        if value is not None:
            args += ["-p", f"{key}={str(value).lower() if isinstance(value, bool) else value}"]
    env = {"NEO4J_URI": settings.uri, "NEO4J_USERNAME": settings.user, "NEO4J_PASSWORD": settings.password}
    result = kg(*args, env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


class BrowserBackend:
    """Catalogue questions answered by pasting their cypher/ files into the Neo4j Browser.

    Names, parents and sources are looked up on the Neo4j backend, as ``kg query`` does.
    """

    name = "neo4j-browser"

    def __init__(self, browser: NeoBrowser, neo4j_backend, file: CypherFile):
        self.browser, self.neo4j, self.file = browser, neo4j_backend, file

    def raw_rows(self, question, params) -> list[dict[str, Any]]:
        assert question.name == self.file.name
        frame = self.browser.run(self.file.text)
        return self.browser.table(frame)[1]

    def resolve(self, name, label):
        return self.neo4j.resolve(name, label)

    def names(self, ids):
        return self.neo4j.names(ids)

    def parents(self, ids):
        return self.neo4j.parents(ids)

    def describe_sources(self, ids):
        return self.neo4j.describe_sources(ids)


def view_nodes(backend, file: CypherFile, values: dict[str, Any]) -> dict[str, tuple[list[str], str]]:
    """The nodes a view's rows hold (in paths, lists and maps), by internal id: their labels and captions."""
    import neo4j.graph

    found: dict[str, str] = {}

    def walk(value):
        if isinstance(value, neo4j.graph.Node):
            found[value.element_id.rsplit(":", 1)[-1]] = (sorted(value.labels), value.get("name") or value.get("title") or "")
        elif isinstance(value, neo4j.graph.Relationship):
            walk(value.start_node), walk(value.end_node)
        elif isinstance(value, neo4j.graph.Path):
            for node in value.nodes:
                walk(node)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for row in backend.read(file.text, values, raw=True)[1]:
        walk(list(row.values()))
    return found


# -- the tests --------------------------------------------------------------------------------------


@pytest.mark.parametrize("file", QUESTIONS, ids=[file.name for file in QUESTIONS])
def test_question_pasted_into_the_browser_answers_as_kg_query(neo_browser, shipped_neo4j, neo4j_settings, kg, file):
    from kg.questions import CATALOGUE, run

    values = header_values(shipped_neo4j, file)
    assert neo_browser.set_params(file.param_lines) == typed(values)
    # a header also sets what kg derives from the parameters (date bounds such as $since_low): the
    # user types the parameters, kg passes the rest
    declared = {p.name for p in CATALOGUE[file.name].params}
    asked = {k: v for k, v in values.items() if k in declared}
    # the Browser's rows, finished by kg as the Neo4j backend's are (ranking, wording, order)
    shown = run(BrowserBackend(neo_browser, shipped_neo4j, file), file.name, {k: v for k, v in asked.items() if v is not None})
    expected = kg_query(kg, neo4j_settings, file.name, asked)
    assert expected["rows"], f"{file.name} answers nothing with the parameters in its header"
    assert (shown.columns, json.loads(json.dumps(shown.rows, default=str))) == (expected["columns"], expected["rows"])


@pytest.mark.parametrize("file", VIEWS, ids=[file.name for file in VIEWS])
def test_view_pasted_into_the_browser_draws_its_graph(neo_browser, shipped_neo4j, file):
    values = header_values(shipped_neo4j, file)
    assert neo_browser.set_params(file.param_lines) == typed(values)
    expected = view_nodes(shipped_neo4j, file, values)
    assert 0 < len(expected) <= 300  # the Browser draws at most 300 nodes at first (initialNodeDisplay)
    frame = neo_browser.run(file.text)
    drawn = drawn_graph(neo_browser, frame)
    assert drawn["nodes"] == len(expected)
    assert drawn["labels"] == {"*": len(expected), **Counter(label for labels, _ in expected.values() for label in labels)}
    assert sorted(drawn["captions"]) == sorted(expected)  # the very nodes of the rows
    # each captioned with its name (a source with its title), cut to fit its circle: the Browser
    # keeps the words that fit, the last one perhaps shortened, and drops the rest
    miscaptioned = {i: (c, expected[i][1]) for i, c in drawn["captions"].items() if not _caption_of(c, expected[i][1])}
    assert miscaptioned == {}
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"neo4j-browser-{file.name}.png"
    neo_browser.driver.save_screenshot(str(path))
    assert path.stat().st_size > 20_000


def _caption_of(caption: str, name: str) -> bool:
    parts = caption.replace("\u2026", " ").split()
    return bool(parts) and all(any(word.startswith(part) for word in name.split()) for part in parts)


def drawn_graph(browser: NeoBrowser, frame) -> dict[str, Any]:
    """What the frame's graph view draws: its count of nodes, of each label, and each node's caption by id."""
    import re

    browser.wait(lambda: frame.find_elements("css selector", "svg g[aria-label^=graph-node]"), "a drawn graph")
    overview = frame.find_element("css selector", "[data-testid=vizInspector]").get_attribute("textContent")
    match = re.search(r"Displaying (\d+) nodes?", overview)
    assert match, overview
    chips = frame.find_elements("css selector", "[data-testid^=property-details-overview-node-label-]")
    labels = {}
    for chip in chips:
        label, count = re.fullmatch(r"(.+) \((\d+)\)", chip.get_attribute("textContent").strip()).groups()
        labels[label] = int(count)
    captions = browser.driver.execute_script(
        "return Object.fromEntries([...arguments[0].querySelectorAll('svg g[aria-label^=graph-node]')]"
        ".map(n => [n.getAttribute('aria-label').slice(10), [...n.querySelectorAll('text')].map(t => t.textContent).join(' ')]));",
        frame,
    )
    return {"nodes": int(match.group(1)), "labels": labels, "captions": captions}
