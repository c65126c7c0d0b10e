"""The real Neo4j Browser for the kg test suite: fetched through Maven, served on a loopback port.

``org.neo4j.client:neo4j-browser`` (the web app Neo4j's own server serves at ``/browser/``) is
unpacked from Maven Central by ``pom.xml`` in this folder, cached like the Neo4j test server, and
served as static files. The Browser then connects to any Neo4j 5 over Bolt (a WebSocket on the Bolt
port, which the Bolt connector accepts next to plain Bolt).

    from tests.neo4j_browser import app
    ok, why = app.available()
    with app.serve() as url:          # builds first if needed
        ...                           # url + "?connectURL=bolt://127.0.0.1:7687"
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
TARGET = HERE / "target"
APP = TARGET / "browser"
STAMP = TARGET / ".build-stamp"
LOCK = HERE / ".build.lock"


class BrowserAppError(RuntimeError):
    """Maven is missing or could not fetch the Browser."""


def version() -> str:
    """The Browser version ``pom.xml`` asks for."""
    import re

    return re.search(r"<browser.version>([^<]+)</browser.version>", POM.read_text()).group(1)


def available() -> tuple[bool, str]:
    """Can the Browser be served here? (ok, reason): it is unpacked already, or Maven can fetch it."""
    if not needs_build():
        return True, f"Neo4j Browser {version()} already unpacked"
    if not shutil.which("mvn"):
        return False, "mvn not found (needed once to fetch the Neo4j Browser: apt-get install maven)"
    return True, "mvn"


def needs_build() -> bool:
    return not ((APP / "index.html").is_file() and STAMP.is_file() and STAMP.read_text().strip() == _digest())


def build(timeout: float = 900) -> Path:
    """Unpack the Browser into ``target/browser`` (once; Maven caches the jar in ~/.m2)."""
    with _build_lock():
        if not needs_build():
            return APP
        mvn = shutil.which("mvn")
        if not mvn:
            raise BrowserAppError("mvn not found: Maven is needed to fetch the Neo4j Browser")
        command = [mvn, "-B", "-q", "-Dstyle.color=never", "clean", "package"]
        try:
            done = subprocess.run(command, cwd=HERE, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as err:
            raise BrowserAppError(f"fetching the Neo4j Browser timed out after {timeout:.0f}s") from err
        if done.returncode != 0 or not (APP / "index.html").is_file():
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-40:])
            raise BrowserAppError(f"Maven could not fetch the Neo4j Browser (exit {done.returncode}):\n{tail}")
        STAMP.write_text(_digest() + "\n")
        return APP


@contextlib.contextmanager
def serve(host: str = "127.0.0.1") -> Iterator[str]:
    """Serve the Browser on a free port of ``host``; yields its address (``http://HOST:PORT/browser/``)."""
    build()
    handler = functools.partial(_QuietHandler, directory=str(TARGET))
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="neo4j-browser-app", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/browser/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002  (the stdlib's name)
        pass


def _digest() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()


@contextlib.contextmanager
def _build_lock():
    """One build at a time, across pytest-xdist workers."""
    import fcntl

    with open(LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
