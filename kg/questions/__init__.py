"""The question catalogue: named questions with typed parameters, answered on either backend.

>>> from kg.backends.embedded import EmbeddedBackend
>>> from kg.questions import run
>>> from kg.store import open_graph
>>> result = run(EmbeddedBackend(open_graph()), "left_for", {"org": "OpenAI", "startups_only": "true"})  # doctest: +SKIP
>>> result.columns[:3]                                                                                  # doctest: +SKIP
['person', 'from', 'to']
"""

from __future__ import annotations

from itertools import chain
from typing import Any

from kg import collector
from kg.backends import Backend
from kg.errors import UsageError
from kg.questions import flows, influence, money, offers, paths, people  # noqa: F401  (each module registers its questions)
from kg.questions.base import CATALOGUE, ENTITY_LABELS, Param, Question, coerce, finish, window
from kg.result import Result

__all__ = ["CATALOGUE", "Param", "Question", "catalogue_listing", "get", "run"]


def catalogue_listing() -> Result:
    """Every catalogue question with its parameters (``?`` marks an optional one) and an example."""
    rows = [
        {
            "question": q.name,
            "parameters": ", ".join(q.signature()),
            "answers": q.summary,
            "example": f'kg ask "{q.example}"',
        }
        for q in CATALOGUE.values()
    ]
    return Result("catalogue", {}, ["question", "parameters", "answers", "example"], rows, title="kg questions (? marks an optional parameter)")


def asked() -> dict[str, Question]:
    """What ``kg ask`` chooses among: the catalogue, and the talent metrics of :mod:`kg.metrics`."""
    from kg.metrics import asked_metrics

    return {**CATALOGUE, **asked_metrics()}


def get(name: str) -> Question:
    """A catalogue question by name, or a usage error naming the closest ones."""
    if name in CATALOGUE:
        return CATALOGUE[name]
    from kg.names import closest

    close = closest(name, CATALOGUE, cutoff=70)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; see kg query --list"
    raise UsageError(f"no question called {name!r}{hint}")


def run(backend: Backend, name: str, raw: dict[str, Any], question_text: str = "", count: bool = False) -> Result:
    """Run a catalogue question with raw parameters (names are resolved, values typed).

    With ``count``, the answer line says how many people, rounds, deals … the rows hold (the rows
    stay, as what the count rests on).
    """
    question = get(name)
    if count and question.counts is None:
        countable = ", ".join(sorted(q.name for q in CATALOGUE.values() if q.counts))
        raise UsageError(f"{name} cannot be counted; these can: {countable}")
    params, shown = resolve_params(backend, question, raw)
    if any(p.type == "bound" for p in question.params):
        window(params)
    if question.check:
        question.check(params)
    with collector.paused():  # a large answer's rows are many objects, all kept, in no cycles
        rows = backend.raw_rows(question, params)
        if question.post:
            rows = question.post(rows, params, backend)
        rows = finish(question, rows, params)
        ids = [row.pop("_ids", ()) for row in rows]
        entities = list(dict.fromkeys(chain.from_iterable(ids)))
        del ids
        columns = tuple(question.columns)
        # a row that holds just the columns, in their order, is kept as it is (most are)
        clean = [row if tuple(row) == columns else dict(zip(columns, map(row.get, columns))) for row in rows]
        del rows
    described = ", ".join(f"{key}={value}" for key, value in shown.items())
    notes = question.notes(clean, params) if question.notes and clean else []
    if not clean:
        notes.append("no rows: nothing in the graph answers this")
    if count:
        line = count_answer(question, clean)
    else:
        line = question.answer(clean, params) if question.answer and clean else None
    result = Result(
        intent=question.name,
        params=params | ({"count": True} if count else {}),
        columns=list(question.columns),
        rows=clean,
        question=question_text or f"{question.name}({described})",
        title=f"{question.name}({described}): {len(clean)} row{'s' if len(clean) != 1 else ''}",
        notes=notes,
        entities=entities,
        answer=line,
    )
    result.sources = backend.describe_sources(result.cited())
    return result


def count_answer(question: Question, rows: list[dict[str, Any]]) -> str:
    """``3 people: Ada Quill, Ben Okafor, Chen Bo [2 sources]``: what a count question answers first."""
    from kg.questions.answers import count_line

    column, noun = question.counts  # type: ignore[misc]
    return count_line(rows, column, noun)


def resolve_params(backend: Backend, question: Question, raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Typed parameters (entity names turned into ids) and how to show each in a title."""
    unknown = [key for key in raw if key not in {p.name for p in question.params}]
    if unknown:
        question.param(unknown[0])
    params: dict[str, Any] = {}
    shown: dict[str, str] = {}
    for param in question.params:
        value = raw.get(param.name)
        if value is None or value == "":
            if param.required:
                raise UsageError(f"{question.name} needs {param.name} ({param.help})")
            if param.default is not None:
                params[param.name] = param.default
            continue
        if param.type in ENTITY_LABELS:
            entry = backend.resolve(str(value), ENTITY_LABELS[param.type])
            params[param.name] = entry.id
            shown[param.name] = entry.name
        else:
            params[param.name] = coerce(param, value)
            shown[param.name] = str(value).lower() if param.type == "bool" else str(params[param.name])
    return params, shown
