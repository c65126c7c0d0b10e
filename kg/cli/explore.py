"""Commands that look things up: stats, person, org."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import main
from kg.cli.options import open_embedded, seeds_option
from kg.cli.output import emit, format_option


@main.command()
@seeds_option
@format_option
def stats(seeds: Path | None, fmt: str) -> None:
    """Count every kind of node and relationship, derived moves and flows included.

    \b
    Example:
      kg stats --format json
    """
    from kg.store import statistics

    emit(statistics(open_embedded(seeds)), fmt)


@main.command()
@click.argument("name")
@seeds_option
@format_option
def person(name: str, seeds: Path | None, fmt: str) -> None:
    """Show a person: names in all scripts, career timeline, education, foundings, moves, deals.

    NAME is any name or alias, in any script: "Lilian Weng", "Weng Li" and 翁荔 are one person.

    \b
    Example:
      kg person 翁荔
    """
    from kg.profiles import person_profile

    emit(person_profile(open_embedded(seeds), name), fmt)


@main.command()
@click.argument("name")
@seeds_option
@format_option
def org(name: str, seeds: Path | None, fmt: str) -> None:
    """Show an organisation: names, facts, founders, people, deals, rounds and talent flows.

    \b
    Example:
      kg org "Thinking Machines Lab"
      kg org 智譜
    """
    from kg.profiles import org_profile

    emit(org_profile(open_embedded(seeds), name), fmt)
