"""Talent metrics and dossiers: retention, ratio, intake, boomerangs, scorecard, headcount, report."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import main
from kg.cli.options import open_embedded, seeds_option
from kg.cli.output import emit, format_option

_today = click.option("--today", metavar="DATE", default=None, help="Count as of this day (default: the clock's).")


@main.command()
@click.argument("orgs", nargs=-1, required=True)
@click.option("--years", default=2, show_default=True, type=click.IntRange(min=1), help="How long after joining to look.")
@click.option("--since", metavar="DATE", default=None, help="Only people who joined on or after this date.")
@click.option("--until", metavar="DATE", default=None, help="Only people who joined on or before this date.")
@_today
@seeds_option
@format_option
def retention(orgs: tuple[str, ...], years: int, since: str | None, until: str | None, today: str | None, seeds: Path | None, fmt: str) -> None:
    """Of the people who joined each ORG, the share still there N years later, and who they are.

    \b
    Examples:
      kg retention OpenAI Anthropic "Google DeepMind"
      kg retention Meta --years 1 --since 2023
    """
    from kg.metrics import retention as compute

    emit(compute(open_embedded(seeds), orgs, years, _date(since), _date(until), _day(today)), fmt)


@main.command()
@click.argument("a")
@click.argument("b")
@seeds_option
@format_option
def ratio(a: str, b: str, seeds: Path | None, fmt: str) -> None:
    """People who moved from A to B over those who moved from B to A, with both lists.

    \b
    Example:
      kg ratio OpenAI Anthropic
    """
    from kg.metrics import flow_ratio

    emit(flow_ratio(open_embedded(seeds), a, b), fmt)


@main.command()
@click.argument("org")
@seeds_option
@format_option
def intake(org: str, seeds: Path | None, fmt: str) -> None:
    """Arrivals at and departures from ORG per year, and the balance.

    \b
    Example:
      kg intake OpenAI
    """
    from kg.metrics import net_intake

    emit(net_intake(open_embedded(seeds), org), fmt)


@main.command()
@click.argument("org", required=False)
@seeds_option
@format_option
def boomerangs(org: str | None, seeds: Path | None, fmt: str) -> None:
    """People who left ORG (or any organisation) and later came back.

    \b
    Examples:
      kg boomerangs
      kg boomerangs OpenAI
    """
    from kg.metrics import boomerangs as compute

    emit(compute(open_embedded(seeds), org), fmt)


@main.command()
@seeds_option
@format_option
def scorecard(seeds: Path | None, fmt: str) -> None:
    """Each acqui-hire: its price, the people who moved, price per person, who has left since.

    \b
    Example:
      kg scorecard --format csv
    """
    from kg.metrics import acquihire_scorecard

    emit(acquihire_scorecard(open_embedded(seeds)), fmt)


@main.command()
@click.argument("org")
@_today
@seeds_option
@format_option
def headcount(org: str, today: str | None, seeds: Path | None, fmt: str) -> None:
    """How many of the people in kg joined, left and were at ORG, quarter by quarter.

    \b
    Example:
      kg headcount "Thinking Machines Lab"
    """
    from kg.metrics import headcount as compute

    emit(compute(open_embedded(seeds), org, _day(today)), fmt)


@main.command()
@click.argument("org")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="HTML file to write.")
@_today
@seeds_option
def report(org: str, output: Path, today: str | None, seeds: Path | None) -> None:
    """Write a self-contained HTML dossier of ORG: founders, rounds, arrivals and departures, alumni, deals.

    \b
    Example:
      kg report "Thinking Machines Lab" -o tml.html
    """
    from kg.report import write_report

    summary = write_report(open_embedded(seeds), org, output, _day(today))
    click.echo(f"wrote {output}: {summary}")


def _date(value: str | None) -> str | None:
    """A partial date as the library takes it, or a usage error."""
    if value is None:
        return None
    from kg.dates import DateError, parse_date

    try:
        return parse_date(value)
    except DateError as err:
        raise click.BadParameter(str(err)) from None


def _day(value: str | None) -> str | None:
    """The first day a partial date can mean (``--today 2026`` is 2026-01-01)."""
    from kg.dates import earliest

    date = _date(value)
    return earliest(date) if date else None
