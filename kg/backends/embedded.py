"""The embedded backend: questions answered by their Python functions over the in-memory graph."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.questions.base import python_names

if TYPE_CHECKING:
    from kg.names import Entry, NameIndex
    from kg.questions.base import Question
    from kg.store import TalentGraph


class EmbeddedBackend:
    """Questions answered by their Python functions over the in-memory graph."""

    name = "embedded"

    def __init__(self, graph: TalentGraph):
        self.graph = graph

    def resolve(self, name: str, label: str | None) -> Entry:
        return self.graph.resolve(name, label)

    @property
    def name_index(self) -> NameIndex:
        return self.graph.names

    def raw_rows(self, question: Question, params: dict[str, Any]) -> list[dict[str, Any]]:
        return question.function(self.graph, **python_names(params))

    def talent_flows(self) -> list[dict[str, Any]]:
        return [
            {
                "from_lineage": self.graph.ancestors(source),
                "to_lineage": self.graph.ancestors(target),
                "people": list(flow["people"]),
                "sources": list(flow["sources"]),
            }
            for source, target, flow in self.graph.edges("TALENT_FLOW")
        ]

    def describe_sources(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        return self.graph.describe_sources(ids)
