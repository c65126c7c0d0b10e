"""The people and organisations a question names, found through the backend's name index.

Longest match first over every name and alias (tokens joined as names are folded, so "Thinking
Machines Lab", "thinking machines lab" and "月之暗面" are found the same way), then the leading
words of a name ("Tsinghua alumni"), then member forms ("DeepMinders", "Googlers"). Words left
over that look like a near miss of a name become unresolved mentions, with "did you mean".
The work is linear in the question's length: each token starts at most ``MAX_NAME_TOKENS`` joins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kg.names import Entry, NameIndex
from kg.understanding.text import Token

#: the most tokens a name spans (a Chinese character is a token)
MAX_NAME_TOKENS = 12
#: how close a leftover word must be to a name to be taken for a misspelling of it
TYPO_SCORE = 84
_MEMBER_ENDINGS = ("ers", "rs", "ians", "ites", "ans", "er", "s")


@dataclass
class Mention:
    """A name in the question: tokens ``first:last``, the words typed, what they can mean."""

    first: int
    last: int
    words: str
    entries: tuple[Entry, ...]
    #: name (a name or alias), leading (its first words), member (DeepMinders), unknown
    how: str = "name"

    @property
    def resolved(self) -> bool:
        return len(self.entries) == 1

    def fits(self, label: str | None) -> list[Entry]:
        return [e for e in self.entries if label is None or e.label == label]


def find_names(
    tokens: list[Token], text: str, index: NameIndex, taken: set[int], is_word: Callable[[str], bool]
) -> list[Mention]:
    """Exact names and aliases, longest first, left to right; ``taken`` tokens are skipped."""
    found = []
    position = 0
    while position < len(tokens):
        match = None if position in taken else _longest_name(tokens, position, index, taken, is_word)
        if match:
            last, ids = match
            found.append(Mention(position, last, _words(tokens, text, position, last), tuple(index.entries[i] for i in sorted(ids))))
            position = last
        else:
            position += 1
    return found


def find_leftovers(tokens: list[Token], text: str, index: NameIndex, taken: set[int]) -> list[Mention]:
    """Names found by their leading words or member forms, and the unknown words (runs) left over."""
    found = []
    position = 0
    while position < len(tokens):
        if position in taken:
            position += 1
            continue
        # Chinese has no spaces: an unknown name is a longer run of characters than of words
        longest = 8 if tokens[position].kind == "han" else 4
        last = position + 1
        while last < len(tokens) and last not in taken and not tokens[last].broken and last - position < longest:
            last += 1
        mention = _by_leading_words(tokens, text, index, position, last) or _member_form(tokens, text, index, position)
        # "Thinking Machnes Lab": leading words followed by unknown ones are a misspelt name, not a hit
        if mention is None or (mention.how == "leading" and mention.last < last):
            mention = Mention(position, last, _words(tokens, text, position, last), (), "unknown")
        found.append(mention)
        position = mention.last
    return found


def looks_like_typo(mention: Mention, index: NameIndex) -> bool:
    """Whether unknown words are close enough to a name to be a misspelling of it."""
    from rapidfuzz import fuzz, process

    from kg.names import normalize

    key = normalize(mention.words)
    if len(key) < 4:
        return False
    return process.extractOne(key, index.name_keys, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE) is not None


def _longest_name(tokens, position, index, taken, is_word):
    limit = position + 1
    while (
        limit < len(tokens)
        and limit - position < MAX_NAME_TOKENS
        and limit not in taken
        and not tokens[limit].broken
        and tokens[limit].kind != "possessive"
    ):
        limit += 1
    if tokens[position].kind == "possessive":
        return None
    pieces = [t.text for t in tokens[position:limit]]
    for last in range(limit, position, -1):
        key = "".join(pieces[: last - position])
        ids = index.keys.get(key)
        if ids and len(key) > 1 and _plausible(tokens[position:last], is_word):
            return last, ids
    return None


def _plausible(span: list[Token], is_word: Callable[[str], bool]) -> bool:
    """A name spelled like ordinary words ("seed", "scale", "near") counts only when capitalised."""
    if any(t.capital for t in span) or any(t.kind == "han" for t in span):
        return True
    return not all(is_word(t.text) for t in span)


def _by_leading_words(tokens, text, index, position, last) -> Mention | None:
    for end in range(last, position, -1):
        span = tokens[position:end]
        if any(t.kind != "word" for t in span):
            continue
        entries = index.by_leading_words("".join(t.text for t in span))
        if entries:
            return Mention(position, end, _words(tokens, text, position, end), tuple(entries), "leading")
    return None


def _member_form(tokens, text, index, position) -> Mention | None:
    token = tokens[position]
    if token.kind != "word" or len(token.text) < 5:
        return None
    for ending in _MEMBER_ENDINGS:
        if token.text.endswith(ending):
            stem = token.text[: -len(ending)]
            ids = index.keys.get(stem)
            entries = [index.entries[i] for i in sorted(ids)] if ids else index.by_leading_words(stem)
            if entries and len(stem) >= 3:
                return Mention(position, position + 1, _words(tokens, text, position, position + 1), tuple(entries), "member")
    return None


def _words(tokens: list[Token], text: str, first: int, last: int) -> str:
    return text[tokens[first].start : tokens[last - 1].end]
