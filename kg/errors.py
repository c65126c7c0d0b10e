"""The exceptions kg raises; the command line turns each into one sentence and an exit code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_LINE_BREAKS = re.compile(r"\s*[\r\n\x85\u2028\u2029]+\s*")


def shown(value: Any, limit: int = 80) -> str:
    """A value from the data as it appears in a message: its repr, cut short (never a whole expanded input)."""
    if isinstance(value, (dict, list, tuple, set)) and len(value) > 20:
        return f"a {type(value).__name__} of {len(value)} items"
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}… ({len(text):,} characters)"


class KgError(Exception):
    """Base of every error kg reports to a user."""

    exit_code = 1


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about the seeds, located at ``path:line``."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {prefix}{_LINE_BREAKS.sub(' ', self.message)}"


class DataError(KgError):
    """The seeds do not validate; ``problems`` lists every error found, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the seeds")


class NotFound(KgError):
    """A name that matches no person or organisation; ``suggestions`` are the nearest names."""

    def __init__(self, name: str, suggestions: list[str] | None = None, what: str = "person or organisation"):
        self.name = name
        self.suggestions = suggestions or []
        hint = f"; did you mean {_or_list(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no {what} called {name!r}{hint}")


class Ambiguous(KgError):
    """A name that matches several entities; ``candidates`` holds their descriptions."""

    def __init__(self, name: str, candidates: list[str]):
        self.name = name
        self.candidates = candidates
        super().__init__(f"{name!r} could mean {_or_list(candidates)}; give the id or a fuller name")


class NoAnswer(KgError):
    """A question kg could not map to its catalogue, or a question with nothing to answer."""


class UsageError(KgError):
    """Parameters that a question does not accept."""

    exit_code = 2


def at_least_one(**counts: int) -> None:
    """Refuse a count below 1 (a depth, a number of nodes or rows): it would silently mean nothing."""
    for name, value in counts.items():
        if value < 1:
            raise UsageError(f"{name.replace('_', ' ')} must be at least 1, not {value}")


class BackendUnavailable(KgError):
    """The Neo4j server cannot be reached, or refused the credentials."""

    exit_code = 3


class WriteRefused(KgError):
    """A Cypher statement that would write, sent where only reading is allowed."""


class StatementRefused(KgError):
    """A Cypher statement that reads outside the graph (files, URLs) or administers the server."""


def _or_list(items: list[str]) -> str:
    quoted = [f"{item}" for item in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
