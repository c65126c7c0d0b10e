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
