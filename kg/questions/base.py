"""The catalogue's machinery: typed parameters, registration, and one finishing step for every backend.

A question is a function over the embedded graph, registered with its parameters, columns and row
order. The Neo4j backend runs ``cypher/NAME.cypher`` instead; both backends' rows then pass through
:func:`finish`, which sorts list values and rows the same way, so a question has one answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from kg import dates
from kg.errors import UsageError, shown

ENTITY_LABELS = {"org": "Organization", "person": "Person", "entity": None, "investor": None}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    help: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """A catalogue question: ``function(graph, **params)`` returns rows for the embedded backend."""

    name: str
    summary: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    order: tuple[str, ...]
    example: str
    function: Callable[..., list[dict[str, Any]]]
    #: shared work done on either backend's rows (e.g. ranking, wording); takes (rows, params, graph)
    post: Callable[..., list[dict[str, Any]]] | None = None
    list_columns: tuple[str, ...] = ("sources",)
    limit_param: str | None = None
    notes: Callable[[list[dict[str, Any]], dict[str, Any]], list[str]] | None = None
    #: checks across parameters, run before either backend (raises UsageError)
    check: Callable[[dict[str, Any]], None] | None = None
    #: the one-line answer of a fact question, from its finished rows: ``answer(rows, params)``
    answer: Callable[[list[dict[str, Any]], dict[str, Any]], str | None] | None = None
    #: what a count of this question's rows counts: (column of distinct values or None for rows, noun)
    counts: tuple[str | None, str] | None = None
    #: how people ask for it, for ``kg ask`` (declared with :func:`asked_as` above the question)
    cues: Cues | None = None

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        raise UsageError(f"{self.name} takes no parameter {name!r}; it takes {', '.join(self.signature())}")

    def signature(self) -> list[str]:
        return [p.name + ("" if p.required else "?") for p in self.params]


@dataclass(frozen=True)
class Relation:
    """Words for a question's relation, and which parameter the names around them fill.

    A name after a directed word is its ``object`` ("who backed *Mistral*"), a name before it its
    ``agent`` ("what has *a16z* backed"); after German "wer" the verb comes last and a name before
    it is still the object ("wer hat *Mistral* finanziert"). An undirected word (a noun such as
    "founders") puts any name of the question without a particle into ``near``. A word ending in
    ``*`` matches every word that begins so; words are compared as kg compares names (case,
    accents, width, traditional Chinese folded).
    """

    words: tuple[str, ...]
    object: str | None = None
    agent: str | None = None
    near: str | None = None


@dataclass(frozen=True)
class Cues:
    """How people ask for one catalogue question, in English, German and Chinese.

    ``relations`` name what the question is about; ``answers`` the kinds of answer it gives (who,
    org, when, how_much, how_many, title, where, how); ``particles`` which role words put a name
    into which parameter (``{"to": ("to",)}``: "for X", "zu X", "到X"), by the roles of
    :mod:`kg.understanding.vocabulary`; ``flags`` set a parameter when words occur
    (``{"startups_only": ((True, ("startup*",)),)}``); ``nouns`` are words that name the answer
    without restricting it ("which *companies* did a16z back": every answer is a company);
    ``origins`` that its rows say where each person came from, so that words for arriving ("where
    did the founders of xAI come from") ask for that column instead of filtering arrivals.
    """

    relations: tuple[Relation, ...]
    answers: tuple[str, ...] = ("who",)
    particles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    flags: dict[str, tuple[tuple[Any, tuple[str, ...]], ...]] = field(default_factory=dict)
    nouns: tuple[str, ...] = ()
    origins: bool = False


CATALOGUE: dict[str, Question] = {}

#: The time window every dated question takes, under the same names.
SINCE = Param("since", "bound", "only from this date on (inclusive: since=2023 includes all of 2023)")
UNTIL = Param("until", "bound", "only up to this date (inclusive: until=2024 includes all of 2024)")
AS_OF = Param("as_of", "bound", "only what held at this date (the same as since and until both set to it)")


def window(params: dict[str, Any]) -> tuple[str | None, str | None]:
    """The (since, until) of a question's parameters, ``as_of`` meaning both."""
    as_of = params.get("as_of")
    if as_of is not None:
        if params.get("since") is not None or params.get("until") is not None:
            raise UsageError("as_of is a single date: give either as_of, or since and/or until")
        return as_of, as_of
    since, until = params.get("since"), params.get("until")
    if since is not None and until is not None and since[: len(until)] > until:
        raise UsageError(f"since ({since}) is after until ({until})")
    return since, until


def python_names(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters as keyword arguments: a name Python reserves (``except``) gets a trailing underscore."""
    import keyword

    return {(name + "_" if keyword.iskeyword(name) else name): value for name, value in params.items()}


def question(
    name: str,
    summary: str,
    params: list[Param],
    columns: list[str],
    order: list[str],
    example: str,
    **extra: Any,
) -> Callable:
    """Register a function as a catalogue question."""

    def register(function: Callable) -> Callable:
        CATALOGUE[name] = Question(
            name, summary, tuple(params), tuple(columns), tuple(order), example, function, **extra
        )
        return function

    return register


def asked_as(cues: Cues) -> Callable:
    """Attach how people ask for a question to it; goes above ``@question``."""

    def attach(function: Callable) -> Callable:
        for name, registered in CATALOGUE.items():
            if registered.function is function:
                CATALOGUE[name] = replace(registered, cues=cues)
                return function
        raise TypeError(f"{function.__name__} is not a catalogue question; put @asked_as above @question")

    return attach


def coerce(param: Param, value: Any) -> Any:
    """A raw parameter value (text from the command line, or a Python value) as its type."""
    if value is None:
        return None
    if param.type == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "yes", "1", "on"):
            return True
        if text in ("false", "no", "0", "off"):
            return False
        raise UsageError(f"{param.name} takes true or false, not {shown(value)}")
    if param.type == "int":
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise UsageError(f"{param.name} takes a whole number, not {shown(value)}") from None
        if number < 1:
            raise UsageError(f"{param.name} must be at least 1")
        return number
    if param.type == "date":
        try:
            return dates.parse_date(value)
        except dates.DateError as err:
            raise UsageError(f"{param.name}: {err}") from None
    if param.type == "bound":
        # a window's bound is inclusive of its whole extent, so "~2024" means the same as "2024"
        try:
            return dates.parse_date(value).lstrip("~")
        except dates.DateError as err:
            raise UsageError(f"{param.name}: {err}") from None
    if param.type == "country":
        text = str(value).strip().upper()
        if len(text) != 2 or not text.isalpha():
            raise UsageError(f"{param.name} takes a two-letter country code such as US or CN, not {value!r}")
        return text
    if param.type == "round":
        text = str(value).strip()
        return text[len("series ") :].strip() if text.casefold().startswith("series ") else text
    if param.type == "choice":
        if value not in param.choices:
            raise UsageError(f"{param.name} takes one of {', '.join(param.choices)}, not {shown(value)}")
        return value
    return str(value)


def cypher_parameters(question: Question, params: dict[str, Any]) -> dict[str, Any]:
    """The parameters of ``cypher/NAME.cypher``: each typed value, and each date's comparable bounds.

    A date parameter ``x`` comes with ``x_low`` and ``x_high`` (:func:`kg.dates.earliest` and
    :func:`kg.dates.latest`), compared there with the bounds stored on roles, so no Cypher file
    pads a partial date itself.
    """
    values = {param.name: params.get(param.name) for param in question.params}
    for param in question.params:
        if param.type in ("date", "bound"):
            value = params.get(param.name)
            values[f"{param.name}_low"] = dates.earliest(value) if value else None
            values[f"{param.name}_high"] = dates.latest(value) if value else None
    return values


def finish(question: Question, rows: list[dict[str, Any]], params: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows in one canonical shape: list values sorted and unique, rows in the question's order."""
    decode = None
    for row in rows:
        for column in question.list_columns:
            values = row.get(column)
            if values is not None:
                row[column] = _canonical_list(values)
        if row.get("claims"):  # stored as one line per claim (Neo4j keeps no lists of maps); answered as data
            if decode is None:
                from kg.claims import decode
            row["claims"] = decode(row)
    rows = _ordered(rows, question.order)
    limit = params.get(question.limit_param) if question.limit_param else None
    return rows[:limit] if limit else rows


def _canonical_list(values: Any) -> list[Any]:
    """A list value sorted and without repeats or unknowns (texts by their own order)."""
    if len(values) < 2:
        return [value for value in values if value is not None]
    # most lists come from the graph already canonical: texts in strictly rising order
    # (str.__lt__ refuses a first operand that is not a text, so only the last one is looked at)
    if isinstance(values, (list, tuple)) and type(values[-1]) is str:
        try:
            if all(map(str.__lt__, values, islice(values, 1, None))):
                return list(values)
        except TypeError:
            pass
    unique = set(values)
    unique.discard(None)
    return sorted(unique) if all(type(item) is str for item in unique) else sorted(unique, key=_text_key)


def _text_key(value: Any) -> str:
    return str(value)


_DATE_COLUMNS = frozenset(("date", "start", "end", "until", "left", "founded", "overlap_from", "overlap_to"))


def _ordered(rows: list[dict[str, Any]], order: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows sorted by the order's columns (``-column`` for largest first), unknown values last
    whichever the direction, equal rows in the order given.

    Each column's distinct values are ranked once (a million rows share a few thousand dates and
    organisations), so the rows themselves are sorted by small integers.
    """
    if len(rows) < 2 or not order:
        return list(rows)
    ranks = [_ranks([row.get(spec.lstrip("-")) for row in rows], spec.lstrip("-"), spec.startswith("-")) for spec in order]
    return [rows[index] for index in _order_of(ranks)]


#: from this many rows on, the ranks are sorted as arrays (numpy costs more to import than it saves below)
ARRAY_SORT_ROWS = 20_000


def _order_of(ranks: list[list[int]], array_sort_rows: int | None = None) -> list[int]:
    """The row positions in the order of their ranks, the first list deciding first (stable)."""
    size = len(ranks[0])
    if size < (ARRAY_SORT_ROWS if array_sort_rows is None else array_sort_rows):
        return sorted(range(size), key=_combined(ranks).__getitem__)
    import numpy as np

    return np.lexsort([np.array(rank, dtype=np.int64) for rank in reversed(ranks)]).tolist()


def _combined(ranks: list[list[int]]) -> list[int]:
    """One number per row that sorts as the rows' ranks do, the first list deciding first.

    Ranks run from ``-size`` to ``size + 1`` (``size`` rows at most): shifted to be at least 0,
    each list is a digit in base ``2 * size + 2``. Whole numbers sort faster than tuples.
    """
    keys = ranks[0]
    if len(ranks) == 1:
        return keys
    size = len(keys)
    base = 2 * size + 2
    keys = [key + size for key in keys]
    for rank in ranks[1:]:
        keys = [key * base + value + size for key, value in zip(keys, rank)]
    return keys


def _ranks(values: list[Any], column: str, descending: bool) -> list[int]:
    """Each value's place in the column's order, as a number: values that sort equal share one."""
    try:
        distinct = set(values)
    except TypeError:  # list values: each value's own key, as one sort by keys would use
        return _ranked([None if value is None else _value_key(value, column) for value in values], {}, descending)
    distinct.discard(None)
    if all(type(value) is str for value in distinct) and column not in _DATE_COLUMNS:
        key_of = {value: value.casefold() for value in distinct}
    else:
        key_of = {value: _value_key(value, column) for value in distinct}
    return _ranked(values, key_of, descending)


def _ranked(values: list[Any], key_of: dict[Any, Any], descending: bool) -> list[int]:
    """Ranks of ``values`` by their keys (``key_of``, or the values themselves where it has none);
    in a column that mixes numbers and texts, the numbers come first."""
    keys = sorted({key_of.get(value, value) for value in values if value is not None}, key=lambda key: (isinstance(key, str), key))
    rank = {key: place for place, key in enumerate(keys, 1)}
    sign = -1 if descending else 1
    unknown = len(keys) + 1  # after every known value, in either direction
    return [unknown if value is None else sign * rank[key_of.get(value, value)] for value in values]


def _value_key(value: Any, column: str) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return float(value)
    if column in _DATE_COLUMNS:
        return dates.sort_key(value) if dates_like(value) else str(value)
    return str(value).casefold()


def dates_like(value: Any) -> bool:
    return isinstance(value, str) and len(value) >= 4 and value.lstrip("~")[:4].isdigit()
