"""Commands about the seeds themselves: validate, stats, audit, export."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import main


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
    from kg.paths import seeds_dir as default_seeds
    from kg.seeds import load_seeds

    directory = seeds_dir or default_seeds()
    dataset = load_seeds(directory)
    for warning in dataset.warnings:
        click.echo(str(warning), err=True)
    counts = {
        "sources": len(dataset.sources),
        "organizations": len(dataset.organizations),
        "people": len(dataset.people),
        "deals": len(dataset.deals),
        "funding rounds": len(dataset.rounds),
    }
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    click.echo(f"ok: {directory}: {summary}; {len(dataset.warnings)} warning(s)")
