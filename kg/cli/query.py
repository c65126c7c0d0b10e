"""Commands that run catalogue questions directly: query, path, flows."""

from __future__ import annotations

from pathlib import Path

import click

from kg.backends import open_backend
from kg.cli import main
from kg.defaults import MAX_HOPS, TOP_FLOWS
from kg.cli.options import backend_option, key_values, seeds_option
from kg.cli.output import emit, format_option


@main.command()
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A parameter; repeat for more.")
@click.option("--list", "list_all", is_flag=True, help="List the catalogue's questions and their parameters.")
@click.option("--count", is_flag=True, help="Answer how many people, rounds, deals … the rows hold, then show the rows.")
@backend_option
@seeds_option
@format_option
def query(name: str | None, params: tuple[str, ...], list_all: bool, count: bool, backend: str, seeds: Path | None, fmt: str) -> None:
    """Run a catalogue question by name with KEY=VALUE parameters.

    \b
    Examples:
      kg query --list
      kg query left_for -p org=OpenAI -p startups_only=true
      kg query co_investors -p a=SSI -p "b=Thinking Machines Lab" --format json
      kg query moves -p org=OpenAI -p direction=departures -p since=2024 --count
      kg query deal -p acquirer=Meta -p "target=Scale AI"
    """
    from kg.questions import catalogue_listing, run

    if list_all or not name:
        emit(catalogue_listing(), fmt)
        return
    raw = {key: value.strip() for key, value in key_values(params).items()}
    emit(run(open_backend(backend, seeds), name, raw, count=count), fmt)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--max-hops", default=MAX_HOPS, show_default=True, type=click.IntRange(min=1), help="Longest path to look for.")
@backend_option
@seeds_option
@format_option
def path(a: str, b: str, max_hops: int, backend: str, seeds: Path | None, fmt: str) -> None:
    """How two people or organisations connect, each hop explained.

    \b
    Example:
      kg path "Lilian Weng" "Alexandr Wang"
    """
    from kg.questions import run

    emit(run(open_backend(backend, seeds), "path", {"a": a, "b": b, "max_hops": max_hops}), fmt)


@main.command()
@click.argument("orgs", nargs=-1)
@click.option("--top", default=TOP_FLOWS, show_default=True, type=click.IntRange(min=1), help="Without ORGS: how many of the busiest organisations.")
@backend_option
@seeds_option
@format_option
def flows(orgs: tuple[str, ...], top: int, backend: str, seeds: Path | None, fmt: str) -> None:
    """A matrix of how many people moved between organisations (row: from, column: to).

    Units count with their parent: Google includes Google DeepMind and Google Brain.

    \b
    Examples:
      kg flows
      kg flows OpenAI Anthropic "Google DeepMind" Meta
    """
    from kg.questions.flows import flow_matrix

    emit(flow_matrix(open_backend(backend, seeds), list(orgs), top), fmt)
