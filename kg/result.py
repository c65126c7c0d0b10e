"""What every question and row-returning command produces: named columns and rows, with context."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from typing import Any


@dataclass
class Result:
    """Rows with named columns, plus what was asked and how kg understood it.

    ``question`` is the user's words (or the command line), ``intent`` the catalogue question or
    command that answered, ``params`` its resolved parameters, ``notes`` anything a reader should
    know (pruning, disputed figures, an empty answer).
    """

    intent: str
    params: dict[str, Any]
    columns: list[str]
    rows: list[dict[str, Any]]
    question: str = ""
    title: str = ""
    notes: list[str] = field(default_factory=list)
    #: ids of the people and organisations the rows involve (for drawing the answer)
    entities: list[str] = field(default_factory=list)
    #: the source records the rows cite, by id: title, publisher, date, url
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: a fact or count question's one-line answer, printed before the rows; None for list questions
    answer: str | None = None
    #: for kg ask: each parameter and the words it was understood from
    understood: dict[str, str] = field(default_factory=dict)
    #: for kg ask: the words it did not use
    ignored: list[str] = field(default_factory=list)
    #: the columns a terminal table shows, when not all (JSON and CSV always carry every column)
    table_columns: list[str] | None = None

    def cited(self) -> list[str]:
        """Source ids cited by the rows, in order of first appearance."""
        return list(dict.fromkeys(chain.from_iterable(row.get("sources") or () for row in self.rows)))

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "intent": self.intent,
            "params": self.params,
            "understood": self.understood,
            "ignored": self.ignored,
            "columns": self.columns,
            "rows": self.rows,
            "notes": self.notes,
            "sources": self.sources,
        }
