"""Shared fixtures: the hand-made mini world, a CLI runner, and bad-seeds folders written on demand."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
SEEDS = ROOT / "seeds"


def pytest_collection_modifyitems(config, items):
    """In CI (KG_REQUIRE_ALL=1) a test that would skip fails instead: CI never skips."""
    if os.environ.get("KG_REQUIRE_ALL") == "1":
        config.pluginmanager.register(_NoSkips(), "kg-no-skips")


class _NoSkips:
    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if report.skipped and not hasattr(report, "wasxfail"):
            report.outcome = "failed"
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            report.longrepr = f"skipped in CI, which must run every test: {reason}"


@pytest.fixture(scope="session")
def mini_graph():
    from kg.store import build_graph

    return build_graph(MINI)


@pytest.fixture(scope="session")
def shipped_graph():
    from kg.store import build_graph

    return build_graph(SEEDS)


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory) -> Path:
    """A graph cache of the test session's own, so tests never read a developer's cache."""
    return tmp_path_factory.mktemp("kg-cache")


@pytest.fixture
def kg(cache_dir):
    """Run the ``kg`` command in-process: ``kg("validate", "seeds")`` returns click's Result."""
    from kg.cli import main

    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(main, list(args), env={"KG_CACHE_DIR": str(cache_dir), "KG_BACKEND": "embedded", **(env or {})})

    return invoke


@pytest.fixture
def write_seeds(tmp_path):
    """Write YAML files into a fresh seeds folder: ``write_seeds({"a.yaml": "..."})`` returns the folder."""

    def write(files: dict[str, str]) -> Path:
        folder = tmp_path / "seeds"
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return folder

    return write


# -- Neo4j ----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory):
    """A real Neo4j 5 server: $NEO4J_URI if set, else one started here from tests/neo4j_server."""
    from kg.backends.neo4j import Settings

    if os.environ.get("NEO4J_URI"):
        yield Settings.from_environment()
        return
    from tests.neo4j_server import launcher

    ok, why = launcher.available()
    if not ok:
        pytest.skip(f"no Neo4j server for the tests: {why}")
    server = launcher.start(tmp_path_factory.mktemp("neo4j"), heap="1g")
    try:
        yield Settings(uri=server.uri, user=server.user, password=server.password)
    finally:
        server.stop()


class Neo4jGraphs:
    """Keeps track of which graph the test server holds, and loads another only when asked for it."""

    def __init__(self, settings):
        self.settings = settings
        self.current: str | None = None
        self.backends: dict[str, object] = {}

    def load(self, name: str, elements) -> None:
        from kg.backends.neo4j import load

        if self.current != name:
            load(elements, self.settings)
            self.current = name
            self.backends.pop(name, None)

    def backend(self, name: str, elements_factory):
        from kg.backends.neo4j import Neo4jBackend

        if self.current != name:
            self.load(name, elements_factory())
        if name not in self.backends:
            self.backends[name] = Neo4jBackend(self.settings)
        return self.backends[name]

    def forget(self) -> None:
        """Call after writing another graph into the server behind this object's back."""
        self.current = None
        for backend in self.backends.values():
            backend.close()
        self.backends.clear()


@pytest.fixture(scope="session")
def neo4j_graphs(neo4j_settings):
    graphs = Neo4jGraphs(neo4j_settings)
    yield graphs
    graphs.forget()


def seeds_elements(folder: Path):
    """A factory of the graph elements of a seeds folder."""

    def build():
        from kg.graph_model import build_elements
        from kg.seeds import load_seeds

        return build_elements(load_seeds(folder))

    return build


BACKENDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(params=BACKENDS)
def mini_backend(request, mini_graph):
    """The mini world on each backend in turn."""
    from kg.backends.embedded import EmbeddedBackend

    if request.param == "embedded":
        return EmbeddedBackend(mini_graph)
    return request.getfixturevalue("neo4j_graphs").backend("mini", seeds_elements(MINI))


@pytest.fixture(params=BACKENDS)
def shipped_backend(request, shipped_graph):
    """The shipped seeds on each backend in turn."""
    from kg.backends.embedded import EmbeddedBackend

    if request.param == "embedded":
        return EmbeddedBackend(shipped_graph)
    return request.getfixturevalue("neo4j_graphs").backend("shipped", seeds_elements(SEEDS))


# -- browser --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium driven by Selenium, logging the console and every network request."""
    driver = start_chromium()
    yield driver
    driver.quit()


def start_chromium():
    """A new headless Chromium session of its own (skips the test without Chromium and ChromeDriver)."""
    import shutil
    import tempfile

    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    chromedriver = shutil.which("chromedriver")
    if not binary or not chromedriver:
        pytest.skip("no Chromium and ChromeDriver on this machine (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,900",
        f"--user-data-dir={tempfile.mkdtemp(prefix='kg-chromium-')}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(chromedriver), options=options)


def load_in_browser(driver, path: Path, timeout: float = 60) -> dict:
    """Load a page from a file:// URL and wait until it says it is drawn; its console and requests."""
    import json
    import time

    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while driver.execute_script("return document.body && document.body.dataset.drawn") != "yes":
        assert time.monotonic() < deadline, "the page was never drawn"
        time.sleep(0.05)
    events = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    requests = [e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"]
    return {"console": driver.get_log("browser"), "requests": [u for u in requests if not u.startswith(("chrome:", "data:", "about:"))]}
