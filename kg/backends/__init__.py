"""Where questions run: the interface every backend offers.

:mod:`kg.backends.embedded` answers from the in-memory networkx graph, :mod:`kg.backends.neo4j`
from a Neo4j server; both give the same rows for every catalogue question.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from kg.names import Entry, NameIndex
    from kg.questions.base import Question


class Backend(Protocol):
    """Where questions run: the embedded graph or a Neo4j server."""

    name: str

    def resolve(self, name: str, label: str | None) -> Entry: ...

    @property
    def name_index(self) -> NameIndex:
        """Every name and alias of the graph's people and organisations (kg ask finds mentions with it)."""
        ...

    def raw_rows(self, question: Question, params: dict[str, Any]) -> list[dict[str, Any]]: ...

    def talent_flows(self) -> list[dict[str, Any]]:
        """Every stored talent flow: ``from_lineage``, ``to_lineage``, ``people`` (ids) and ``sources``."""
        ...

    def describe_sources(self, ids: list[str]) -> dict[str, dict[str, Any]]: ...


def open_backend(name: str = "embedded", seeds: str | os.PathLike | None = None) -> Backend:
    """``embedded`` (the graph of ``seeds``, default the shipped ones) or ``neo4j`` (from ``NEO4J_*``)."""
    if name == "neo4j":
        from kg.backends.neo4j import Neo4jBackend

        return Neo4jBackend.from_environment()
    from kg.backends.embedded import EmbeddedBackend
    from kg.store import open_graph

    return EmbeddedBackend(open_graph(seeds))
