"""Time expressions in a question, absolute or relative to today, in English, German and Chinese.

Each becomes a :class:`Time`: a window (``since``/``until``, both inclusive, at the precision
given) or a moment (``as_of``). "in 2024" is the window 2024..2024 or, for a question about a
moment, as_of 2024; "before 2020" ends in 2019; "last year" is counted from ``today``.

>>> find_times("who left OpenAI between 2022 and 2024", date(2026, 12, 1))[0].since
'2022'
>>> find_times("去年谁离开了谷歌", date(2026, 12, 1))[0].until
'2025'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_MONTHS = {
    "january": 1, "jan": 1, "januar": 1, "february": 2, "feb": 2, "februar": 2, "march": 3, "mar": 3,
    "marz": 3, "april": 4, "apr": 4, "may": 5, "mai": 5, "june": 6, "jun": 6, "juni": 6, "july": 7,
    "jul": 7, "juli": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    "dezember": 12, "dez": 12,
}
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "a couple of": 2, "few": 3,
    "einem": 1, "zwei": 2, "drei": 3, "vier": 4, "funf": 5, "zehn": 10,
    "一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "十": 10,
}

_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
# a date as typed: "march 2024", "2024-03", "2024年3月", "2024"; the 年 of a Chinese year is optional
_DATE = rf"(?:(?:{_MONTH})\.? {_YEAR}|{_YEAR}-\d{{1,2}}(?:-\d{{1,2}})?|{_YEAR} ?年 ?\d{{1,2}} ?月|{_YEAR}(?: ?年)?)"
_COUNT = r"(?:\d+|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + ")"

# (kind, pattern); the earliest, then longest, match wins where two overlap. Patterns with a date
# need a digit in the question, so most questions never compile them.
_DATED = [
    ("between", rf"(?:between|zwischen|from|von|从|自|在)? ?(?P<a>{_DATE}) ?(?:and|und|to|bis|until|through|-|–|到|至|~) ?(?P<b>{_DATE})(?: ?(?:之间|期间|间))?"),
    ("since", rf"(?:since|seit|starting(?: in| from)?|ab|从|自) ?(?P<a>{_DATE})(?: ?(?:以来|起|开始|至今))?"),
    ("since", rf"(?:在|于)? ?(?P<a>{_DATE}) ?(?:以来|起|开始|至今)"),
    ("after", rf"(?:after|nach|later than) (?P<a>{_DATE})"),
    ("after", rf"(?:在|于)? ?(?P<a>{_DATE}) ?(?:之后|以后|后)"),
    ("before", rf"(?:before|prior to|earlier than|vor) (?P<a>{_DATE})"),
    ("before", rf"(?:在|于)? ?(?P<a>{_DATE}) ?(?:之前|以前|前)"),
    ("until", rf"(?:until|till|up to|through|bis) (?P<a>{_DATE})"),
    ("as_of", rf"(?:as of|as at|stand|截至|截止) ?(?P<a>{_DATE})"),
    ("in", rf"(?:in the year|in|during|im jahr|im jahre|im|jahr|in den jahren|于|在)? ?(?P<a>{_DATE})"),
]
_RELATIVE = [
    ("last_year", r"last year|previous year|letztes jahr|letzten jahr|vergangenes jahr|vergangenen jahr|im vorjahr|去年"),
    ("this_year", r"this year|dieses jahr|diesem jahr|今年"),
    ("two_years_ago", r"前年|vorletztes jahr"),
    ("recent_years", rf"(?:in |over |during )?(?:the )?(?:last|past) (?P<n>{_COUNT}) years|in den (?:letzten|vergangenen) (?P<n2>{_COUNT}) jahren|(?:近|过去|最近)(?P<n3>{_COUNT}) ?年"),
    ("now", r"right now|currently|at the moment|at present|today|nowadays|now|derzeit|aktuell|heute|jetzt|gerade|目前|现在|当前|如今"),
]


@lru_cache(maxsize=2)
def _compiled(dated: bool) -> list[tuple[str, re.Pattern[str]]]:
    # Latin words end where letters or digits do; Chinese has no spaces, so any neighbour of a
    # Chinese word is fine ("Mira Murati现在", "2024年")
    patterns = _DATED if dated else _RELATIVE
    start = r"(?:(?<![a-z0-9\-])(?=[a-z0-9])|(?![a-z0-9]))"
    end = r"(?:(?<=[a-z0-9])(?![a-z0-9\-])|(?<![a-z0-9]))"
    return [(kind, re.compile(rf"{start}(?:{pattern}){end}")) for kind, pattern in patterns]


@dataclass(frozen=True)
class Time:
    """A time constraint: the folded words it came from, their span, and its window or moment."""

    words: str
    start: int  # span in the folded text
    end: int
    since: str | None = None
    until: str | None = None
    as_of: str | None = None
    #: "in 2024" also reads as a moment, for questions about who was where at a date
    moment: str | None = None

    def describe(self) -> str:
        if self.as_of:
            return f"as_of={self.as_of}"
        return ", ".join(f"{k}={v}" for k, v in (("since", self.since), ("until", self.until)) if v)


def find_times(folded: str, today: date) -> list[Time]:
    """Every time expression in a folded question, left to right, without overlaps."""
    found: list[tuple[int, int, str, re.Match[str]]] = []
    patterns = _compiled(False) + (_compiled(True) if any(c.isdigit() for c in folded) else [])
    for kind, pattern in patterns:
        for match in pattern.finditer(folded):
            if match.group().strip():
                found.append((match.start(), -(match.end() - match.start()), kind, match))
    found.sort(key=lambda item: (item[0], item[1]))
    times: list[Time] = []
    taken_until = -1
    for start, _, kind, match in found:
        if start < taken_until:
            continue
        times.append(_time(kind, match, today))
        taken_until = match.end()
    return times


def _time(kind: str, match: re.Match[str], today: date) -> Time:
    words, start, end = match.group().strip(), match.start(), match.end()
    if kind in ("between", "since", "after", "before", "until", "as_of", "in"):
        first = _parse(match.group("a"))
        if kind == "between":
            return Time(words, start, end, since=first, until=_parse(match.group("b")))
        if kind == "since":
            return Time(words, start, end, since=first)
        if kind == "after":
            return Time(words, start, end, since=_step(first, 1))
        if kind == "before":
            return Time(words, start, end, until=_step(first, -1))
        if kind == "until":
            return Time(words, start, end, until=first)
        if kind == "as_of":
            return Time(words, start, end, as_of=first)
        return Time(words, start, end, since=first, until=first, moment=first)
    if kind in ("last_year", "this_year", "two_years_ago"):
        year = str(today.year - {"last_year": 1, "this_year": 0, "two_years_ago": 2}[kind])
        return Time(words, start, end, since=year, until=year, moment=year)
    if kind == "recent_years":
        text = match.group("n") or match.group("n2") or match.group("n3")
        years = int(text) if text.isdigit() else _NUMBERS[text]
        return Time(words, start, end, since=f"{today.year - years:04d}-{today.month:02d}")
    return Time(words, start, end, as_of=today.isoformat())


def _parse(text: str) -> str:
    """'march 2024', '2024-3', '2024年3月', '2024年' as partial ISO dates."""
    text = text.strip().replace(" ", "")
    chinese = re.fullmatch(r"(\d{4})年?(?:(\d{1,2})月)?", text)
    if chinese:
        year, month = chinese.groups()
        return f"{year}-{int(month):02d}" if month else year
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text)
    if iso:
        year, month, day = iso.groups()
        return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    named = re.fullmatch(rf"({_MONTH})\.?(\d{{4}})", text)
    if named:
        return f"{named.group(2)}-{_MONTHS[named.group(1)]:02d}"
    return text


def _step(partial: str, by: int) -> str:
    """The next (or previous) year, month or day of a partial date."""
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 1:
        return f"{parts[0] + by:04d}"
    if len(parts) == 2:
        index = parts[0] * 12 + parts[1] - 1 + by
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    from datetime import timedelta

    return (date(*parts) + timedelta(days=by)).isoformat()
