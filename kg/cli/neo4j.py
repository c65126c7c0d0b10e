"""Commands for Neo4j: load the graph, run read-only Cypher."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import main
from kg.defaults import BATCH_SIZE, LOAD_WRITERS
from kg.cli.options import key_values, seeds_option
from kg.cli.output import emit, format_option


def connection_options(function):
    """--uri/--user/--password/--database, each defaulting to its NEO4J_* variable."""
    for name, variable in (("database", "NEO4J_DATABASE"), ("password", "NEO4J_PASSWORD"), ("user", "NEO4J_USERNAME"), ("uri", "NEO4J_URI")):
        function = click.option(f"--{name}", default=None, help=f"Neo4j {name} (default: ${variable}).")(function)
    return function


def _settings(uri, user, password, database):
    from kg.backends.neo4j import Settings

    return Settings.from_environment(uri=uri, user=user, password=password, database=database)


@main.command()
@connection_options
@seeds_option
@click.option("--batch-size", default=BATCH_SIZE, show_default=True, type=click.IntRange(min=1), help="Rows per UNWIND statement.")
@click.option(
    "--writers", default=LOAD_WRITERS, show_default=True, type=click.IntRange(min=1),
    help="Batches written at once, each in its own session (about the server's cores).",
)
def load(uri, user, password, database, seeds: Path | None, batch_size: int, writers: int) -> None:
    """Load the graph into Neo4j: idempotent, batched, all-or-nothing.

    Applies cypher/schema.cypher, takes the database's load lock (exit 4 while another load holds
    it), writes the new graph as a new generation in committed batches, then makes it the live one
    in a single transaction; readers see the old graph or the new one, never a mix. Batches are
    written by --writers sessions at once. A failure part-way leaves the previous graph, and kg
    says which graph is live when the server goes away.

    \b
    Example:
      NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=secret kg load
    """
    from kg.backends.neo4j import load_folder

    settings = _settings(uri, user, password, database)
    with _progress() as progress:
        report = load_folder(seeds, settings, batch_size=batch_size, progress=progress, writers=writers)
    click.echo(report.describe(settings))


class _progress:
    """A rich progress bar on a terminal; nothing at all when stderr is a pipe or a file."""

    def __enter__(self):
        if not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        self.bar = Progress("loading", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        self.bar.__enter__()
        self.task = self.bar.add_task("batches", total=None)
        return self.update

    def update(self, done: int, total: int, rows: int) -> None:
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc):
        if hasattr(self, "bar"):
            self.bar.__exit__(*exc)
        return False


@main.command()
@click.argument("query")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter; repeat for more.")
@click.option("--timeout", default=30.0, show_default=True, help="Seconds before the query is stopped (above 0, at most 3600).")
@connection_options
@format_option
def cypher(query: str, params: tuple[str, ...], timeout: float, uri, user, password, database, fmt: str) -> None:
    """Run raw Cypher on Neo4j, read-only: a statement that writes is refused.

    So is one that reaches outside the graph or administers the server: LOAD CSV, procedures
    other than the schema and full-text look-ups, TERMINATE and SHOW TRANSACTIONS, CALL { … } IN
    TRANSACTIONS, USE, and schema or user commands; each with one sentence.

    \b
    Examples:
      kg cypher "MATCH (p:Person)-[:FOUNDED]->(o:Organization {name: 'Anthropic'}) RETURN p.name AS founder"
      kg cypher "MATCH (o:Organization {id: \\$org})<-[:WORKED_AT]-(p) RETURN count(p) AS people" -p org=openai
    """
    from kg.backends.neo4j import run_cypher
    from kg.result import Result

    values = key_values(params)
    columns, rows = run_cypher(_settings(uri, user, password, database), query, values, timeout)
    emit(Result("cypher", values, columns, rows, question=query, title=f"{len(rows)} row(s)"), fmt)


@main.command()
@click.option("--port", default=8001, show_default=True, help="Port to serve the guide on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
def guide(port: int, host: str) -> None:
    """Serve the Neo4j Browser guide to the catalogue until Ctrl-C.

    Every question and view of cypher/ on a slide, its parameters and query one click from the
    editor. Open it in the Browser (e.g. http://127.0.0.1:7474 from docker compose) with
    :guide http://localhost:8001/kg.html

    \b
    Example:
      kg guide --port 8001
    """
    from kg.browser_guide import GUIDE_PATH, guide_server
    from kg.errors import UsageError
    from kg.locations import cypher_dir

    try:
        server = guide_server(cypher_dir(), host=host, port=port)
    except OSError as err:
        raise UsageError(f"cannot serve the guide on {host}:{port}: {err.strerror or err}") from None
    url = f"http://localhost:{server.server_address[1]}{GUIDE_PATH}"
    click.echo(f"serving the kg guide at {url}; in the Neo4j Browser run  :guide {url}  (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
