"""Commands about the seeds themselves: validate, stats, audit, export."""

from __future__ import annotations

from pathlib import Path

import click

from kg.audit import CHECKS
from kg.cli import main
from kg.cli.options import seeds_option
from kg.cli.output import emit, format_option


@main.command()
@click.argument("seeds_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
def validate(seeds_dir: Path | None) -> None:
    """Check every seeds file against the fact model and every cross-reference.

    Prints each problem as path:line, then exits 1 if there are errors (warnings alone exit 0).

    \b
    Example:
      kg validate            # the project's seeds/
      kg validate my-seeds/
    """
    from kg.locations import display
    from kg.locations import seeds_dir as default_seeds
    from kg.seeds import load_seeds

    directory = seeds_dir or default_seeds()
    dataset = load_seeds(directory)
    for warning in dataset.warnings:
        click.echo(str(warning), err=True)
    click.echo(f"ok: {display(Path(directory))}: {dataset.summary()}; {len(dataset.warnings)} warning(s)")


@main.command()
@click.argument("seeds_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--check", "checks", multiple=True, type=click.Choice(CHECKS), help="Only these checks (repeatable).")
@click.option("--strict", is_flag=True, help="Exit 1 when any conflict between sources is still open.")
@format_option
def audit(seeds_dir: Path | None, checks: tuple[str, ...], strict: bool, fmt: str) -> None:
    """Report thin or contested facts: conflicts (both sides), disputed and single-source facts,
    people with no role, organisations nobody worked at, sources never cited, undated roles.

    \b
    Examples:
      kg audit --check conflict
      kg audit --format json --strict
    """
    from kg.audit import audit as run_audit
    from kg.locations import seeds_dir as default_seeds
    from kg.seeds import load_seeds

    report = run_audit(load_seeds(seeds_dir or default_seeds()), checks or CHECKS)
    emit(report, fmt)
    if strict and report.params["open_conflicts"]:
        raise SystemExit(1)


@main.command()
@click.option("--to", "fmt", type=click.Choice(["json", "graphml", "neo4j-import"]), default="json", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="File to write (default: stdout).")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@seeds_option
def export(fmt: str, output: Path | None, directory: Path | None, seeds: Path | None) -> None:
    """Write the whole graph, derived facts included, as node-link JSON, GraphML, or the CSV files
    of neo4j-admin's bulk import (into DIRECTORY, new or empty; the command to run is printed).

    \b
    Examples:
      kg export --to graphml -o kg.graphml     # for Gephi, yEd or Cytoscape
      kg export --to json | jq '.nodes | length'
      kg export --to neo4j-import import/      # then the neo4j-admin command it prints
    """
    import sys

    if fmt == "neo4j-import":
        if directory is None or output is not None:
            raise click.UsageError("--to neo4j-import writes a folder of files: give it as DIRECTORY, without -o")
        from kg.neo4j_import import export_import_set

        written = export_import_set(seeds, directory)
        click.echo(written.describe())
        return
    if directory is not None:
        raise click.UsageError(f"--to {fmt} writes one file: give it with -o, not as DIRECTORY")
    from kg.export import write
    from kg.store import open_graph

    graph = open_graph(seeds)
    if output is None:
        write(graph, fmt, sys.stdout)
        return
    from kg.files import writing

    with writing(output) as handle:
        write(graph, fmt, handle)
    click.echo(f"wrote {output}", err=True)
