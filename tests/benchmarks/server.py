"""The Neo4j server a benchmark runs against: NEO4J_URI's, or one started for the benchmark."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def benchmark_server(heap: str, pagecache: str, prefix: str) -> Iterator:
    """Settings of ``NEO4J_URI`` when set, else of a Neo4j 5.26 started here and stopped afterwards."""
    from kg.backends.neo4j import Settings

    if os.environ.get("NEO4J_URI"):
        yield Settings.from_environment()
        return
    from tests.neo4j_server import launcher

    # the full JIT (the test launcher stops at C1 to start faster) and room for one big transaction
    server = launcher.start(
        Path(tempfile.mkdtemp(prefix=prefix)), heap=heap, pagecache=pagecache, timeout=300,
        jvm_args=["-XX:TieredStopAtLevel=4"],
    )
    try:
        yield Settings(uri=server.uri, user=server.user, password=server.password)
    finally:
        server.stop()
