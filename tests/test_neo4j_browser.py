"""The cypher/ files in the real Neo4j Browser: pasted as a user would, rows equal to ``kg query``.

The Browser (the web app Neo4j ships, from Maven Central, served by ``tests/neo4j_browser``) runs
in headless Chromium and connects to the test server over Bolt. For every file it gets the file's
``:param`` lines, then the whole file, pasted into its editor; the rows of its table view go
through kg's own finishing step and must equal what ``kg query`` prints on the same graph.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kg.browser_guide import CypherFile, cypher_files, guide_server, slide_command
from tests.conftest import ROOT, SEEDS, seeds_elements, start_chromium

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

    def __init__(self, driver, downloads: Path):
        self.driver = driver
        self.downloads = downloads
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})

    def connect(self, app_url: str, bolt_uri: str, user: str, password: str, attempts: int = 3) -> None:
        """Open the Browser and connect through its form, as a user would: again, from a fresh page, if it fails.

        A failed attempt's screen text and console errors go into the error, so a failure says what
        the Browser showed.
        """
        from selenium.webdriver.common.by import By

        shown = []
        for attempt in range(1, attempts + 1):
            self.driver.get(f"{app_url}?connectURL={bolt_uri}")
            try:
                self.wait(lambda: self.driver.find_elements(By.CSS_SELECTOR, "input[data-testid=username]"), "the connect form")
                self.driver.find_element(By.CSS_SELECTOR, "input[data-testid=username]").send_keys(user)
                self.driver.find_element(By.CSS_SELECTOR, "input[data-testid=password]").send_keys(password)
                self.driver.find_element(By.CSS_SELECTOR, "button[data-testid=connect]").click()
                self.wait(lambda: "You are connected as user" in self.body_text(), "a connection", seconds=40)
                return
            except AssertionError:
                errors = [entry["message"] for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]
                shown.append(f"attempt {attempt}: screen {self.body_text()[:400]!r}; console errors {errors[-5:]}")
        raise AssertionError("the Neo4j Browser never connected:\n" + "\n".join(shown))

    def body_text(self) -> str:
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.TAG_NAME, "body").text

    def configure(self, setting: str, value: int) -> None:
        """``:config SETTING: VALUE``, and wait until the Browser lists the setting with its new value."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        self.driver.execute_script(MARK_FRAMES)
        self.driver.execute_script(PASTE, f":config {setting}: {value}")
        ActionChains(self.driver).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()
        frame = self.wait(lambda: self.driver.execute_script(NEW_FRAME), "the :config frame")
        self.wait(lambda: f'"{setting}": {value},' in frame.get_attribute("textContent"), f"{setting} set to {value}")

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
        state = self.wait(lambda: (lambda s: s if s != "running" else None)(self.driver.execute_script(FINISHED, frame)), "the frame to finish")
        if state == "error":
            raise BrowserError(frame.text[:2000])
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
        """The columns of a frame's table view, and its rows as the Browser exports them (Export JSON).

        The table view shows each value as JSON but with the quotes inside texts unescaped, so a
        text holding quotes cannot be read back from it; the export is the same rows, escaped.
        """
        buttons = frame.find_elements("css selector", "[data-testid=cypherFrameSidebarTable]")
        if buttons:  # a click in the page: a tall frame can leave its sidebar outside the window
            self.driver.execute_script("arguments[0].click();", buttons[0])
        table = frame.find_element("css selector", "table[role=table]")
        columns, shown = self.driver.execute_script(
            "const t = arguments[0];"
            "return [[...t.querySelectorAll('th[role=columnheader]')].map(h => h.textContent), t.querySelectorAll('tbody tr').length];",
            table,
        )
        export = self.downloads / "records.json"
        export.unlink(missing_ok=True)
        button = frame.find_element("css selector", "[data-testid=exportJSONButton]")
        self.driver.execute_script("arguments[0].click();", button)  # an item of the Exports menu
        self.wait(lambda: export.is_file() and not list(self.downloads.glob("*.crdownload")), "the exported rows")
        rows = json.loads(export.read_text(encoding="utf-8-sig"))  # the export starts with a byte-order mark
        assert [list(row) for row in rows] == [columns] * len(rows)
        assert streamed(frame) == shown == len(rows), "the table view holds fewer rows than the query returned"
        return columns, rows

    def wait(self, condition, what: str, seconds: float = 60):
        deadline = time.monotonic() + seconds
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                ARTIFACTS.mkdir(exist_ok=True)
                self.driver.save_screenshot(str(ARTIFACTS / "neo4j-browser-timeout.png"))
                raise AssertionError(f"the Neo4j Browser never showed {what} (screen: tests/artifacts/neo4j-browser-timeout.png)")
            time.sleep(0.1)


def typed(values: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    """Values with their types, so that 6 and 6.0 differ (the Browser shows a float as 6.0)."""
    return {key: (type(value).__name__, value) for key, value in values.items()}


# Whether a frame has finished, from its status bar and parts, without reading its (maybe large) text.
FINISHED = """
const f = arguments[0];
if (f.querySelector('[data-testid=spinner]')) return 'running';
const list = f.querySelector('[data-testid=multi-statement-list]');
if (list) {
  const icons = [...list.querySelectorAll('[data-testid=multi-statement-list-icon]')].map(i => i.title);
  return icons.length && icons.every(t => t === 'Status: success' || t === 'Status: error') ? 'done' : 'running';
}
if (f.querySelector('[data-testid=cypherFrameErrorMessage], [data-testid=errorBanner]')) return 'error';
const status = (f.querySelector('[data-testid=frameStatusbar]') || {}).textContent || '';
const inspector = (f.querySelector('[data-testid=vizInspector]') || {}).textContent || '';
if (status.includes('completed after') || inspector.includes('Displaying ')) return 'done';
if (f.querySelector('[data-testid=rawParamData], [data-testid=carousel]')) return 'done';
const head = f.textContent.slice(0, 2000);
if (head.includes('No guide by that name') || head.includes('ERROR')) return 'error';
return head.includes('Successfully set') ? 'done' : 'running';
"""


def streamed(frame) -> int:
    """The number of records the status bar says the query returned."""
    import re

    status = frame.find_element("css selector", "[data-testid=frameStatusbar]").text
    match = re.search(r"Started streaming (\d+) records?", status)
    assert match, status
    return int(match.group(1))


MAX_ROWS = 100_000

# -- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def shipped_neo4j(neo4j_graphs):
    """The test server holding the shipped graph; the Neo4j backend reading it."""
    return neo4j_graphs.backend("shipped", seeds_elements(SEEDS))


@pytest.fixture(scope="session")
def neo_browser(neo4j_settings, tmp_path_factory):
    """The real Neo4j Browser, served on a loopback port, in a Chromium of its own, connected to the test server."""
    from tests.neo4j_browser import app

    ok, why = app.available()
    if not ok:
        pytest.skip(f"no Neo4j Browser for the tests: {why}")
    with app.serve() as app_url:
        driver = start_chromium()  # not the shared one: other tests would navigate it away
        try:
            browser = NeoBrowser(driver, tmp_path_factory.mktemp("neo4j-browser-downloads"))
            browser.connect(app_url, neo4j_settings.uri, neo4j_settings.user, neo4j_settings.password)
            # the table shows 1,000 rows unless told otherwise, and influence returns every weighted
            # edge for kg to rank (2,785 on the shipped data): a user raises the limit the same way
            browser.configure("maxRows", MAX_ROWS)
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

    def __init__(self, browser: NeoBrowser, neo4j_backend, file: CypherFile, rows=None):
        self.browser, self.neo4j, self.file = browser, neo4j_backend, file
        #: how the Browser is made to run the query: by default, the whole file pasted into its editor
        self.rows = rows or (lambda: browser.table(browser.run(file.text))[1])

    def raw_rows(self, question, params) -> list[dict[str, Any]]:
        assert question.name == self.file.name
        return self.rows()

    def resolve(self, name, label):
        return self.neo4j.resolve(name, label)

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
    values = header_values(shipped_neo4j, file)
    assert neo_browser.set_params(file.param_lines) == typed(values)
    assert_answers_as_kg_query(BrowserBackend(neo_browser, shipped_neo4j, file), file, values, kg, neo4j_settings)


def assert_answers_as_kg_query(backend: BrowserBackend, file: CypherFile, values: dict[str, Any], kg, settings) -> None:
    """The Browser's rows, finished by kg as the Neo4j backend's are (ranking, wording, order), equal
    what ``kg query`` prints for the parameters the file's header sets."""
    from kg.questions import CATALOGUE, run

    # a header also sets what kg derives from the parameters (date bounds such as $since_low): the
    # user types the parameters, kg passes the rest
    declared = {p.name for p in CATALOGUE[file.name].params}
    asked = {k: v for k, v in values.items() if k in declared}
    shown = run(backend, file.name, {k: v for k, v in asked.items() if v is not None})
    expected = kg_query(kg, settings, file.name, asked)
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
    # a caption whose first word does not fit its circle is left blank by the Browser
    parts = caption.replace("\u2026", " ").split()
    return all(any(word.startswith(part) for word in name.split()) for part in parts)


def drawn_graph(browser: NeoBrowser, frame) -> dict[str, Any]:
    """What the frame's graph view draws: its count of nodes, of each label, and each node's caption by id."""
    import re

    # the Browser opens a frame in the view last chosen, which may be the table
    browser.wait(lambda: frame.find_elements("css selector", "[data-testid=cypherFrameSidebarVisualization]"), "the graph view")
    # a click in the page, as for the table: a tall frame can leave its sidebar outside the window
    browser.driver.execute_script("arguments[0].click();", frame.find_element("css selector", "[data-testid=cypherFrameSidebarVisualization]"))
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


# -- the guide ----------------------------------------------------------------------------------------


def open_guide(browser: NeoBrowser, guide_url: str):
    """Run ``:guide`` on the guide's address, as a user types it; the sidebar showing the guide."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.driver.execute_script(PASTE, f":guide {guide_url}")
    ActionChains(browser.driver).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()
    return browser.wait(lambda: _guide_at(browser, "kg, the AI talent graph"), "the kg guide in the sidebar")


def _click(browser: NeoBrowser, element) -> None:
    """Click an element of the sidebar, scrolled first to the middle of its view (a long slide scrolls)."""
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def _guide_at(browser: NeoBrowser, heading: str):
    """The guide sidebar, once it shows the slide with this heading."""
    return browser.driver.execute_script(
        "const d = document.querySelector('[data-testid=guidesDrawer]');"
        "return d && [...d.querySelectorAll('h3')].some(h => h.textContent === arguments[0]) ? d : null;",
        heading,
    )


def test_guide_opens_with_every_file_one_click_away(neo_browser, guide_url):
    guide = open_guide(neo_browser, guide_url)
    links = guide.find_elements("css selector", "[exec-topic]")
    assert [link.text for link in links] == [file.name for file in FILES]
    base = guide_url.removesuffix("/kg.html")
    assert [link.get_attribute("exec-topic") for link in links] == [slide_command(base, n) for n in range(1, len(FILES) + 1)]
    # the contents, then a slide for each file
    assert guide.find_element("css selector", f"[data-testid=pagination-{len(FILES) + 1}]").text == str(len(FILES) + 1)


@pytest.mark.parametrize("file", FILES, ids=[file.name for file in FILES])
def test_guide_slide_runs_as_the_file_does(neo_browser, guide_url, shipped_neo4j, neo4j_settings, kg, file):
    guide = open_guide(neo_browser, guide_url)
    link = next(link for link in guide.find_elements("css selector", "[exec-topic]") if link.text == file.name)
    _click(neo_browser, link)  # one click: the guide moves to this file's slide
    title = f"{'View' if file.is_view else 'Question'}: {file.name}"
    guide = neo_browser.wait(lambda: _guide_at(neo_browser, title), f"the slide {title!r}")
    blocks = [block for block in guide.find_elements("css selector", "pre.runnable") if block.is_displayed()]
    assert [block.get_attribute("textContent") for block in blocks] == (
        ["\n".join(file.param_lines)] if file.param_lines else []
    ) + [file.query.strip()]
    values = header_values(shipped_neo4j, file)
    neo_browser.run(":params {}")  # so the answer rests on the parameters this slide sets
    if file.param_lines:
        _click(neo_browser, blocks[0])  # a click puts the block into the editor; the user runs it
        neo_browser.run_editor()
    _click(neo_browser, blocks[-1])
    if file.is_view:
        drawn = drawn_graph(neo_browser, neo_browser.run_editor())
        assert drawn["nodes"] == len(view_nodes(shipped_neo4j, file, values))
        return
    backend = BrowserBackend(neo_browser, shipped_neo4j, file, rows=lambda: neo_browser.table(neo_browser.run_editor())[1])
    assert_answers_as_kg_query(backend, file, values, kg, neo4j_settings)
