"""Options shared by several commands, declared once."""

from __future__ import annotations

import os
from pathlib import Path

import click


def seeds_option(function):
    return click.option(
        "--seeds",
        "seeds",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Seeds folder to read (default: the project's seeds/).",
    )(function)


def backend_option(function):
    return click.option(
        "--backend",
        type=click.Choice(["embedded", "neo4j"]),
        default=lambda: os.environ.get("KG_BACKEND", "embedded"),
        show_default="embedded, or $KG_BACKEND",
        help="Answer from the in-memory graph or from Neo4j (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE).",
    )(function)


def key_values(items: tuple[str, ...]) -> dict[str, str]:
    """``-p KEY=VALUE`` options as a mapping (keys stripped, values as given)."""
    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"parameters are KEY=VALUE, not {item!r}")
        values[key.strip()] = value
    return values


def open_embedded(seeds: Path | None):
    from kg.store import open_graph

    return open_graph(seeds)
