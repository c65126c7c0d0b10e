"""Start and stop a real Neo4j 5.26 server for the kg test suite (stdlib only).

The server is the Java launcher in this folder (``Neo4jLauncher``: the Neo4j 5.26 Community
engine from Maven Central, embedded, with the Bolt connector on 127.0.0.1 and authentication on).

    from tests.neo4j_server import launcher          # or: import launcher
    ok, why = launcher.available()
    server = launcher.start(tmp_path / "neo4j")        # builds first if needed
    try:
        ...  # neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password))
    finally:
        server.stop()

Developers: ``python tests/neo4j_server/launcher.py`` starts one and prints its URI until Ctrl-C.
"""

from __future__ import annotations

import argparse
import atexit
import collections
import contextlib
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

__all__ = [
    "Neo4jLauncherError",
    "ToolMissingError",
    "BuildError",
    "StartError",
    "ServerHandle",
    "available",
    "build",
    "needs_build",
    "start",
    "import_full",
    "ImportError_",
    "DEFAULT_USER",
    "DEFAULT_PASSWORD",
]

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
SRC = HERE / "src"
TARGET = HERE / "target"
JAR = TARGET / "neo4j-launcher.jar"
LIB = TARGET / "lib"
STAMP = TARGET / ".build-stamp"
LOCK = HERE / ".build.lock"

DEFAULT_USER = "neo4j"
DEFAULT_PASSWORD = "kg-test-password"
DEFAULT_HEAP = "512m"
DEFAULT_PAGECACHE = "256m"
READY_RE = re.compile(r"^READY (bolt://(\S+):(\d+))\s*$")


class Neo4jLauncherError(RuntimeError):
    """Base class of every error raised here."""


class ToolMissingError(Neo4jLauncherError):
    """java (>= 17) or mvn is not installed."""


class BuildError(Neo4jLauncherError):
    """The Maven build failed."""


class StartError(Neo4jLauncherError):
    """The server did not come up."""


class ImportError_(Neo4jLauncherError):
    """``neo4j-admin database import full`` failed."""


# --------------------------------------------------------------------------- tools


def _java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def _java_major(java: str) -> int | None:
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60
        ).stderr
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def available(need_build: bool | None = None) -> tuple[bool, str]:
    """Can a server be started here? Returns (ok, reason).

    Java 17+ is always needed; Maven only when the launcher still has to be built
    (``need_build=None`` decides that from the build stamp; pass True to require mvn anyway).
    """
    java = _java()
    if not java:
        return False, "java not found (install a JDK 17+, e.g. apt-get install openjdk-17-jdk-headless)"
    major = _java_major(java)
    if major is None:
        return False, f"could not determine the version of {java}"
    if major < 17:
        return False, f"{java} is Java {major}; Neo4j 5.26 needs Java 17 or 21"
    if need_build is None:
        need_build = needs_build()
    if need_build and not shutil.which("mvn"):
        return False, "mvn not found (needed once to build the launcher: apt-get install maven)"
    return True, f"java {major}" + (", mvn" if need_build else ", launcher already built")


# --------------------------------------------------------------------------- build


def _inputs_digest() -> str:
    h = hashlib.sha256()
    files = [POM] + sorted(p for p in SRC.rglob("*") if p.is_file())
    for p in files:
        h.update(str(p.relative_to(HERE)).encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def needs_build() -> bool:
    """True when the jar, its lib/ or the build stamp is missing or the sources changed."""
    if not (JAR.is_file() and LIB.is_dir() and STAMP.is_file()):
        return True
    try:
        return STAMP.read_text().strip() != _inputs_digest()
    except OSError:
        return True


@contextlib.contextmanager
def _build_lock():
    """Serialise concurrent builds (e.g. pytest-xdist workers) with an flock."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no locking
        yield
        return
    with open(LOCK, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def build(quiet: bool = True, force: bool = False, timeout: float = 1800) -> Path:
    """Build ``target/neo4j-launcher.jar`` (+ ``target/lib``) with Maven if missing or stale.

    Returns the jar's path. Raises ToolMissingError without mvn/java, BuildError if Maven fails.
    A cold build downloads ~125 MB of jars into ~/.m2 (plus Maven plugins).
    """
    with _build_lock():
        if not force and not needs_build():
            return JAR
        if not _java():
            raise ToolMissingError("java not found: a JDK 17+ is needed to build and run Neo4j")
        mvn = shutil.which("mvn")
        if not mvn:
            raise ToolMissingError("mvn not found: Maven is needed to build the Neo4j launcher")
        cmd = [mvn, "-B", "-Dstyle.color=never", "-Dmaven.test.skip=true"]
        if quiet:
            cmd.append("-q")
        cmd += ["clean", "package"]
        t0 = time.monotonic()
        try:
            proc = subprocess.run(
                cmd,
                cwd=HERE,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE if quiet else None,
                stderr=subprocess.STDOUT if quiet else None,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as e:
            raise BuildError(f"Maven build timed out after {timeout:.0f}s: {' '.join(cmd)}") from e
        if proc.returncode != 0:
            tail = "\n".join((proc.stdout or "").splitlines()[-60:])
            raise BuildError(
                f"Maven build failed (exit {proc.returncode}) in {HERE}: {' '.join(cmd)}\n{tail}"
            )
        if not JAR.is_file() or not LIB.is_dir():
            raise BuildError(f"Maven succeeded but {JAR} or {LIB} is missing")
        STAMP.write_text(_inputs_digest() + "\n")
        if not quiet:
            print(f"neo4j launcher built in {time.monotonic() - t0:.1f}s", file=sys.stderr)
        return JAR


# --------------------------------------------------------------------------- server

_RUNNING: "set[ServerHandle]" = set()


class ServerHandle:
    """A running Neo4j server. ``uri``, ``user``, ``password``, ``port``, ``data_dir``, ``stop()``."""

    def __init__(self, proc, data_dir, password, user, lines, ready_evt, ready_box):
        self.process: subprocess.Popen = proc
        self.data_dir: Path = data_dir
        self.user: str = user
        self.password: str = password
        self.uri: str = ""
        self.host: str = "127.0.0.1"
        self.port: int = 0
        self.start_seconds: float = 0.0
        self._lines = lines
        self._ready_evt = ready_evt
        self._ready_box = ready_box
        self._stop_lock = threading.Lock()

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    def is_running(self) -> bool:
        return self.process.poll() is None

    def output_tail(self, n: int = 40) -> str:
        """The last n lines the Java process printed (stdout and stderr)."""
        return "\n".join(list(self._lines)[-n:])

    def rss_bytes(self) -> int | None:
        """Resident memory of the server process (Linux /proc), or None."""
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return None

    def stop(self, grace: float = 30.0) -> int | None:
        """Stop the server: SIGTERM (clean Neo4j shutdown), SIGKILL after ``grace`` seconds.

        Idempotent; returns the process exit code.
        """
        with self._stop_lock:
            proc = self.process
            if proc.poll() is None:
                with contextlib.suppress(OSError):
                    proc.terminate()
                try:
                    proc.wait(grace)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(OSError):
                        proc.kill()
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        proc.wait(10)
            for stream in (proc.stdin, proc.stdout, proc.stderr):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
            _RUNNING.discard(self)
            return proc.returncode

    def __enter__(self) -> "ServerHandle":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.is_running() else f"exited {self.process.returncode}"
        return f"<ServerHandle {self.uri or '(starting)'} pid={self.pid} {state}>"


def _pump(stream, lines, log_fh, ready_evt, ready_box, echo):
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        lines.append(line)
        if log_fh is not None:
            with contextlib.suppress(ValueError, OSError):
                log_fh.write(line + "\n")
                log_fh.flush()
        if echo:
            print(line, file=sys.stderr)
        if not ready_evt.is_set():
            m = READY_RE.match(line)
            if m:
                ready_box.append(m)
                ready_evt.set()
    with contextlib.suppress(OSError):
        stream.close()


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def start(
    data_dir,
    port: int | None = None,
    password: str = DEFAULT_PASSWORD,
    timeout: float = 120,
    *,
    heap: str = DEFAULT_HEAP,
    pagecache: str = DEFAULT_PAGECACHE,
    auth_max_failed_attempts: int = 0,
    jvm_args=(),
    build_if_needed: bool = True,
    echo: bool = False,
) -> ServerHandle:
    """Start a Neo4j server whose files (data/, logs/) live in ``data_dir``; wait until it is ready.

    ``port=None`` lets the OS pick a free 127.0.0.1 port (no race: Neo4j binds port 0 and reports
    the real one). The user is ``neo4j`` with ``password``; a wrong password is rejected.
    ``auth_max_failed_attempts=0`` switches off Neo4j's lock-out (by default 3 wrong passwords
    lock the user for 5 s, failing even the right one with AuthenticationRateLimit); pass 3 for
    Neo4j's default behaviour. ``heap`` sets -Xms/-Xmx, ``pagecache`` Neo4j's page cache.
    Raises StartError with the server's last output lines if it is not ready within ``timeout``.
    The console output is also written to ``data_dir/launcher-console.log``.
    """
    if build_if_needed:
        build()
    elif not JAR.is_file():
        raise StartError(f"{JAR} is missing: call build() first")
    java = _java()
    if not java:
        raise ToolMissingError("java not found: a JDK 17+ is needed to run Neo4j")
    if not password:
        raise ValueError("password must not be empty")

    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    cmd = [
        java,
        f"-Xms{heap}",
        f"-Xmx{heap}",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-XX:-UsePerfData",
        "-XX:+ExitOnOutOfMemoryError",
        "-Dfile.encoding=UTF-8",
        *jvm_args,
        "-jar",
        str(JAR),
        "--home",
        str(data_dir),
        "--port",
        str(0 if port is None else int(port)),
        "--pagecache",
        pagecache,
        "--auth-max-failed-attempts",
        str(int(auth_max_failed_attempts)),
    ]
    env = dict(os.environ, NEO4J_LAUNCHER_PASSWORD=password)
    env.pop("JAVA_TOOL_OPTIONS", None)  # its "Picked up ..." banner would only add noise

    log_fh = open(data_dir / "launcher-console.log", "a", encoding="utf-8")
    t0 = time.monotonic()
    proc = subprocess.Popen(
        cmd,
        cwd=data_dir,
        env=env,
        stdin=subprocess.PIPE,  # the server exits when this pipe closes (i.e. when we die)
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # Ctrl-C in a terminal goes to Python, which then stops it
    )
    lines: collections.deque = collections.deque(maxlen=400)
    ready_evt = threading.Event()
    ready_box: list = []
    for stream in (proc.stdout, proc.stderr):
        threading.Thread(
            target=_pump,
            args=(stream, lines, log_fh, ready_evt, ready_box, echo),
            daemon=True,
            name=f"neo4j-{proc.pid}-pump",
        ).start()
    handle = ServerHandle(proc, data_dir, password, DEFAULT_USER, lines, ready_evt, ready_box)
    _RUNNING.add(handle)

    deadline = t0 + timeout
    while not ready_evt.wait(0.2):
        if proc.poll() is not None:
            time.sleep(0.3)  # let the pumps catch the last lines
            handle.stop()
            raise StartError(
                f"Neo4j exited with code {proc.returncode} before it was ready "
                f"(data dir {data_dir}). Last output:\n{handle.output_tail()}"
            )
        if time.monotonic() > deadline:
            handle.stop(grace=10)
            raise StartError(
                f"Neo4j was not ready within {timeout:.0f}s (data dir {data_dir}). "
                f"Last output:\n{handle.output_tail()}"
            )
    m = ready_box[0]
    handle.uri, handle.host, handle.port = m.group(1), m.group(2), int(m.group(3))
    if not _port_open(handle.host, handle.port):
        handle.stop(grace=10)
        raise StartError(f"Neo4j said READY but {handle.uri} refuses connections:\n{handle.output_tail()}")
    handle.start_seconds = time.monotonic() - t0
    return handle


def import_full(data_dir, arguments, heap: str = "1g", timeout: float = 600) -> float:
    """Run ``neo4j-admin database import full`` into the server home ``data_dir``; returns its seconds.

    ``arguments`` are the command's own, after ``neo4j-admin``: ``["database", "import", "full",
    "neo4j", "--nodes=...", ...]``. It runs the admin tool of the same Neo4j jars (the
    ``org.neo4j:neo4j-import-tool`` artifact is among them), with ``data_dir`` as NEO4J_HOME, so
    :func:`start` on that home then serves the imported database. The database must not exist yet.
    Raises ImportError_ with the tool's last lines when it fails.
    """
    build()
    java = _java()
    if not java:
        raise ToolMissingError("java not found: a JDK 17+ is needed to run the Neo4j importer")
    data_dir = Path(data_dir).resolve()
    (data_dir / "conf").mkdir(parents=True, exist_ok=True)
    cmd = [java, f"-Xmx{heap}", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8", "-cp", str(LIB / "*"), "org.neo4j.cli.AdminTool", *arguments]
    env = dict(os.environ, NEO4J_HOME=str(data_dir), NEO4J_CONF=str(data_dir / "conf"))
    env.pop("JAVA_TOOL_OPTIONS", None)
    t0 = time.monotonic()
    try:
        proc = subprocess.run(cmd, env=env, cwd=data_dir, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        raise ImportError_(f"the import did not finish within {timeout:.0f}s") from e
    seconds = time.monotonic() - t0
    (data_dir / "import-console.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if proc.returncode != 0 or "IMPORT DONE" not in proc.stdout + proc.stderr:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-30:])
        raise ImportError_(f"neo4j-admin database import full failed (exit {proc.returncode}):\n{tail}")
    return seconds


@atexit.register
def _stop_all() -> None:
    for h in list(_RUNNING):
        with contextlib.suppress(Exception):
            h.stop(grace=15)


# --------------------------------------------------------------------------- CLI


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Start a local Neo4j 5.26 server until Ctrl-C.")
    ap.add_argument("--data-dir", help="Neo4j home (data/, logs/); default: a temporary dir")
    ap.add_argument("--port", type=int, default=7687, help="Bolt port (0 = any free port; default 7687)")
    ap.add_argument("--password", default=DEFAULT_PASSWORD)
    ap.add_argument("--heap", default=DEFAULT_HEAP)
    ap.add_argument("--pagecache", default=DEFAULT_PAGECACHE)
    ap.add_argument("--keep", action="store_true", help="keep a temporary data dir on exit")
    ap.add_argument("--verbose", action="store_true", help="show Maven and server output")
    args = ap.parse_args(argv)

    ok, why = available()
    if not ok:
        print(f"cannot start Neo4j: {why}", file=sys.stderr)
        return 2
    tmp = None
    data_dir = args.data_dir
    if not data_dir:
        tmp = tempfile.mkdtemp(prefix="kg-neo4j-")
        data_dir = tmp
    build(quiet=not args.verbose)
    server = start(
        data_dir,
        port=args.port or None,
        password=args.password,
        heap=args.heap,
        pagecache=args.pagecache,
        echo=args.verbose,
    )
    print(f"Neo4j ready in {server.start_seconds:.1f}s: {server.uri}  user={server.user} "
          f"password={server.password}  data={server.data_dir}  (Ctrl-C to stop)", flush=True)
    stop_evt = threading.Event()
    # Explicit handlers: a shell starting us in the background may have set SIGINT to "ignore".
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: stop_evt.set())
    try:
        while not stop_evt.wait(1.0):
            if not server.is_running():
                print(f"Neo4j exited ({server.process.returncode}):\n{server.output_tail()}", file=sys.stderr)
                return 1
    finally:
        print("stopping Neo4j ...", file=sys.stderr, flush=True)
        server.stop()
        if tmp and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
