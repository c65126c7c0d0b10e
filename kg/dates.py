"""Partial ISO dates: ``2025``, ``2025-02``, ``2025-02-18``, and ``~2017`` for approximate ones.

Dates stay strings everywhere (in YAML, in both graph backends, in answers) so that a date written
as ``2025-02`` is never silently widened to ``2025-02-01``. These helpers compare and order them.

>>> parse_date("~2017-3")
'~2017-03'
>>> earliest("2025-02"), latest("2025-02")
('2025-02-01', '2025-02-31')
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
import sys
from functools import lru_cache

from kg.errors import shown

_DATE = re.compile(r"^(~)?(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class DateError(ValueError):
    """A text that is not a partial ISO date."""


def parse_date(value: object) -> str:
    """Return the canonical form of a partial date, or raise :class:`DateError`.

    Accepts a string, a year as an integer, or a :class:`datetime.date` (YAML's own reading of a
    full date).
    """
    if isinstance(value, bool):
        raise DateError(f"not a date: {shown(value)}")
    if isinstance(value, int):
        value = str(value)
    elif isinstance(value, _dt.date):
        value = value.isoformat()
    if not isinstance(value, str):
        raise DateError(f"not a date: {shown(value)}")
    match = _DATE.match(value.strip())
    if not match:
        raise DateError(f"not a partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD, ~ for approximate): {shown(value)}")
    approx, year, month, day = match.groups()
    text = year
    if month is not None:
        if not 1 <= int(month) <= 12:
            raise DateError(f"month out of range in {shown(value)}")
        text += f"-{int(month):02d}"
        if day is not None:
            last = calendar.monthrange(int(year), int(month))[1]
            if not 1 <= int(day) <= last:
                raise DateError(f"day out of range in {shown(value)}")
            text += f"-{int(day):02d}"
    return sys.intern(("~" if approx else "") + text)  # a few thousand distinct dates among millions of facts


@lru_cache(maxsize=1 << 16)  # a few thousand distinct dates, asked for millions of times at scale
def earliest(date: str) -> str:
    """The first full day a partial date can mean, as ``YYYY-MM-DD``."""
    year, month, day = _parts(date)
    return f"{year:04d}-{month or 1:02d}-{day or 1:02d}"


@lru_cache(maxsize=1 << 16)
def latest(date: str) -> str:
    """An upper bound of a partial date as ``YYYY-MM-DD`` text, for comparisons only.

    Months are padded to day 31 whatever their length: the text then sorts after every real day of
    the month, and the rule is simple enough that the Cypher queries apply it the same way.
    """
    year, month, day = _parts(date)
    return f"{year:04d}-{month or 12:02d}-{day or 31:02d}"


#: The upper bound of a span that has not ended (an open role), for windows.
OPEN_END = "9999-12-31"


def in_window(low: str | None, high: str | None, since: str | None = None, until: str | None = None) -> bool:
    """True when a span with comparable bounds ``low``..``high`` can fall inside ``since``..``until``.

    Bounds are ``YYYY-MM-DD`` texts (see :func:`earliest`, :func:`latest`); ``since`` and ``until``
    are partial dates, each inclusive of its whole extent. A span whose bound is unknown is never
    inside a window on that side. The Cypher files compare the stored bounds the same way, with the
    window's bounds kg passes beside each date: ``low <= $until_high`` and ``high >= $since_low``.

    >>> in_window("2024-03-01", "2024-03-31", since="2024", until="2024")
    True
    >>> in_window("2023-01-01", "2023-12-31", since="2023-06")
    True
    >>> in_window("2023-01-01", "2023-05-31", since="2023-06")
    False
    """
    if until is not None and (low is None or low > latest(until)):
        return False
    return since is None or (high is not None and high >= earliest(since))


def sort_key(date: str | None) -> str:
    """A key that orders partial dates chronologically; unknown dates sort last."""
    return earliest(date) if date else "9999-99-99"


def before(a: str, b: str) -> bool:
    """True when ``a`` certainly ends before ``b`` begins (partial dates overlap otherwise)."""
    return latest(a) < earliest(b)


def span(start: str | None, end: str | None) -> str:
    """A period in words: ``2019 to 2021``, ``from 2019``, ``until 2021``, or empty.

    >>> span("2019", None)
    'from 2019'
    """
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"from {start}"
    return f"until {end}" if end else ""


def _parts(date: str) -> tuple[int, int | None, int | None]:
    pieces = date.lstrip("~").split("-")
    year = int(pieces[0])
    month = int(pieces[1]) if len(pieces) > 1 else None
    day = int(pieces[2]) if len(pieces) > 2 else None
    return year, month, day
