"""A question taken apart: its names, time expressions, cue words and answer type, with their spans.

The order of work: time expressions first (so "2024" is never a name), then names by longest
match, then the cue words (shared ones from :mod:`~kg.understanding.vocabulary`, each question's
own from its :class:`~kg.questions.base.Cues`), then leftovers: names found by their leading words
or member forms, near misses of names, and words kg does not use, which are reported as ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from typing import Any

from kg.names import NameIndex
from kg.understanding import vocabulary
from kg.understanding.mentions import Mention, find_leftovers, find_names, looks_like_typo
from kg.understanding.text import Token, fold, phrase_tokens, tokenize
from kg.understanding.times import Time, find_times

#: the order in which answer types win when a question has several ("how many people": how_many)
ANSWER_PRIORITY = ("how_many", "how_much", "when", "title", "where", "how", "org", "who")


@dataclass
class Cue:
    """Words that matched a phrase kg knows, and what they say (answer, particle, relation, filter…)."""

    first: int
    last: int
    words: str
    meanings: tuple[tuple[Any, ...], ...]

    def kinds(self, kind: str) -> list[tuple[Any, ...]]:
        return [m for m in self.meanings if m[0] == kind]


@dataclass
class Parse:
    """Everything found in a question, before any catalogue question is chosen."""

    text: str
    tokens: list[Token]
    mentions: list[Mention]
    times: list[Time]
    cues: list[Cue]
    #: words kg found no use for, as typed
    ignored: list[str] = field(default_factory=list)

    @property
    def answer(self) -> str | None:
        """The answer type asked for, the most specific one when there are several."""
        found = {m[1] for _, m in self.says("answer")}
        return next((kind for kind in ANSWER_PRIORITY if kind in found), None)

    def answer_words(self) -> str | None:
        answer = self.answer
        return next((c.words for c, m in self.says("answer") if m[1] == answer), None)

    @cached_property
    def ending_at(self) -> dict[int, Cue]:
        """Each cue by the token after its last (to find the particles right before a name)."""
        return {cue.last: cue for cue in self.cues}

    @cached_property
    def starting_at(self) -> dict[int, Cue]:
        return {cue.first: cue for cue in self.cues}

    @cached_property
    def filler_tokens(self) -> set[int]:
        return {i for cue in self.cues if all(m[0] == "filler" for m in cue.meanings) for i in range(cue.first, cue.last)}

    def says(self, kind: str) -> list[tuple[Cue, tuple[Any, ...]]]:
        """Every (cue, meaning) of one kind: "kind", "country", "limit", …"""
        return self._by_kind.get(kind, [])

    @cached_property
    def _by_kind(self) -> dict[str, list[tuple[Cue, tuple[Any, ...]]]]:
        # every question's score reads these, so they are sorted out once per question asked
        found: dict[str, list[tuple[Cue, tuple[Any, ...]]]] = {}
        for cue in self.cues:
            for meaning in cue.meanings:
                found.setdefault(meaning[0], []).append((cue, meaning))
        return found


def parse(text: str, index: NameIndex, today: date) -> Parse:
    """Take a question apart (linear in its length; the caller caps the length)."""
    tokens = tokenize(text)
    folded, origins = fold(text)
    lexicon = compiled_lexicon()
    times = find_times(folded, today)
    taken: set[int] = set()
    for time in times:
        first, last = origins[time.start], origins[time.end - 1] + 1
        taken |= {i for i, t in enumerate(tokens) if t.start >= first and t.end <= last}
    times = [_as_typed(time, text, origins) for time in times]
    mentions = find_names(tokens, text, index, taken, lexicon.is_word)
    for mention in mentions:
        taken |= set(range(mention.first, mention.last))
    cues = _release_name_parts(lexicon.find(tokens, text, taken), tokens, taken, lexicon)
    for cue in cues:
        taken |= set(range(cue.first, cue.last))
    ignored: list[str] = []
    for leftover in find_leftovers(tokens, text, index, taken):
        if leftover.how != "unknown" or _slot_before(cues, leftover) or looks_like_typo(leftover, index):
            mentions.append(leftover)
        else:
            ignored.append(leftover.words)
    mentions.sort(key=lambda m: m.first)
    return Parse(text, tokens, mentions, times, cues, ignored)


def _release_name_parts(cues: list[Cue], tokens: list[Token], taken: set[int], lexicon: Lexicon) -> list[Cue]:
    """A capitalised cue word next to a capitalised unknown word is part of a name ("Alpah *Lab*")."""

    def unknown_capital(position: int) -> bool:
        return (
            0 <= position < len(tokens)
            and position not in taken
            and tokens[position].capital
            and not lexicon.is_word(tokens[position].text)
        )

    kept = []
    for cue in cues:
        span = tokens[cue.first : cue.last]
        capitalised = all(t.capital for t in span) and cue.first > 0
        # only words that name a kind of answer ("Lab", "Labs") are taken back, never relation words
        plain = all(m[0] in ("answer", "filler", "kind", "flag", "noun") for m in cue.meanings)
        if capitalised and plain and (unknown_capital(cue.first - 1) or unknown_capital(cue.last)):
            continue
        kept.append(cue)
    return kept


def _slot_before(cues: list[Cue], mention: Mention) -> bool:
    """Unknown words next to a role particle ("for Anthropik", "Anthropik's", "位元组跳动与…") are a name.

    Not before 的: in Chinese that follows verbs as often as names ("开出的薪酬").
    """
    return any(
        (cue.last == mention.first and cue.kinds("particle"))
        or (cue.first == mention.last and (cue.kinds("particle") or cue.words in ("'s", "’s")))
        for cue in cues
    )


def _as_typed(time: Time, text: str, origins: list[int]) -> Time:
    start, end = origins[time.start], origins[time.end - 1] + 1
    words = text[start:end].strip()
    return Time(words, start, end, time.since, time.until, time.as_of, time.moment)


class Lexicon:
    """Every phrase kg knows, compiled for matching at each token in one pass."""

    def __init__(self, phrases: dict[tuple[str, ...], tuple[bool, list[tuple[Any, ...]]]]):
        #: (first token) -> [(tokens, wildcard, meanings)], longest first
        self.by_first: dict[str, list[tuple[tuple[str, ...], bool, tuple]]] = {}
        #: single words ending in * by their first three letters
        self.prefixes: dict[str, list[tuple[str, tuple]]] = {}
        self.words: set[str] = set()
        for (tokens, wildcard), meanings in phrases.items():
            frozen = tuple(dict.fromkeys(meanings))
            if wildcard and len(tokens) == 1:
                self.prefixes.setdefault(tokens[0][:3], []).append((tokens[0], frozen))
            else:
                self.by_first.setdefault(tokens[0], []).append((tokens, wildcard, frozen))
                if len(tokens) == 1:
                    self.words.add(tokens[0])
        for entries in self.by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def is_word(self, text: str) -> bool:
        """Whether a folded word is one kg knows (a cue, particle or filler word)."""
        return text in self.words or any(text.startswith(p) for p, _ in self.prefixes.get(text[:3], ()))

    def find(self, tokens: list[Token], text: str, taken: set[int]) -> list[Cue]:
        cues = []
        position = 0
        while position < len(tokens):
            match = None if position in taken else self._longest(tokens, position, taken)
            if match:
                last, meanings = match
                cues.append(Cue(position, last, text[tokens[position].start : tokens[last - 1].end], meanings))
                position = last
            else:
                position += 1
        return cues

    def _longest(self, tokens, position, taken):
        word = tokens[position].text
        best_length, best = 0, []
        for phrase, wildcard, meanings in self.by_first.get(word, ()):
            if len(phrase) < best_length:
                break
            if self._matches(tokens, position, phrase, wildcard, taken):
                best_length = len(phrase)
                best.extend(meanings)
        if best_length <= 1:
            for prefix, meanings in self.prefixes.get(word[:3], ()):
                if word.startswith(prefix):
                    best_length = 1
                    best.extend(meanings)
        if not best_length:
            return None
        return position + best_length, tuple(dict.fromkeys(best))

    @staticmethod
    def _matches(tokens, position, phrase, wildcard, taken) -> bool:
        if position + len(phrase) > len(tokens):
            return False
        for offset, part in enumerate(phrase):
            index = position + offset
            token = tokens[index]
            if index in taken or (offset and token.broken):
                return False
            last = offset == len(phrase) - 1
            if not (token.text == part or (last and wildcard and token.text.startswith(part))):
                return False
        return True


@lru_cache(maxsize=1)
def compiled_lexicon() -> Lexicon:
    """The shared vocabulary plus the cues of every question kg ask knows (compiled once per process)."""
    from kg.questions import asked

    phrases: dict[tuple[tuple[str, ...], bool], list[tuple[Any, ...]]] = {}

    def add(words: tuple[str, ...], meaning: tuple[Any, ...]) -> None:
        for word in words:
            wildcard = word.endswith("*")
            tokens = phrase_tokens(word.rstrip("*"))
            if tokens:
                phrases.setdefault((tokens, wildcard), []).append(meaning)

    for kind, words in vocabulary.ANSWERS.items():
        add(words, ("answer", kind))
    for role, words in vocabulary.PARTICLES.items():
        add(words, ("particle", role))
    for role, words in vocabulary.POST_PARTICLES.items():
        add(words, ("post", role))
    for kind, words in vocabulary.KINDS.items():
        add(words, ("kind", kind))
    for code, words in vocabulary.COUNTRIES.items():
        add(words, ("country", code))
    for kind, words in vocabulary.ROLE_KINDS.items():
        add(words, ("role_kind", kind))
    add(vocabulary.LIMIT, ("limit",))
    add(vocabulary.LEAD, ("lead",))
    for name, words in vocabulary.ROUNDS.items():
        add(words, ("round", name))
    add(vocabulary.ARRIVALS, ("direction", "arrivals"))
    add(vocabulary.ARRIVALS, ("particle", "to"))
    add(vocabulary.FILLER, ("filler",))
    for name, question in asked().items():
        if question.cues is None:
            continue
        for number, relation in enumerate(question.cues.relations):
            add(relation.words, ("relation", name, number))
        for param, options in question.cues.flags.items():
            for value, words in options:
                add(words, ("flag", name, param, value))
        add(question.cues.nouns, ("noun", name))
    return Lexicon({key: value for key, value in phrases.items()})
