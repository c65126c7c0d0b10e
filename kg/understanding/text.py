"""A question as tokens, folded the way kg folds names, each with its span in the words typed.

Latin-script words are one token each; every Chinese character is a token of its own, so a name
written without spaces ("离开了月之暗面") is found by joining tokens, as a Latin name is by joining
words. Folding: NFKC (full width), case, accents, traditional Chinese to simplified.

>>> [t.text for t in tokenize("Who left ＯｐｅｎＡＩ's lab?")]
['who', 'left', 'openai', "'s", 'lab']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kg.names import _HAN, _to_simplified

#: the longest question kg reads; a longer text is refused before any work is done
MAX_LENGTH = 500

_TOKEN = re.compile(r"['’]s\b|[\u3400-\u9fff\uf900-\ufaff]|[^\W_\u3400-\u9fff\uf900-\ufaff]+|[^\w\s]")
#: punctuation a name may contain ("Character.AI", "AT&T", "Google-Brain", "米拉·穆拉蒂")
NAME_JOINERS = frozenset("-.&'’·・/")


@dataclass(frozen=True)
class Token:
    text: str  # folded
    start: int  # span in the original question
    end: int
    kind: str  # word, han or possessive
    capital: bool  # typed with a capital first letter (names usually are)
    broken: bool = False  # punctuation that no name contains (a comma, a bracket) comes before it


def fold(text: str, simplify: bool = True) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the position it came from in ``text``."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    chars: list[str] = []
    origins: list[int] = []
    for position, char in enumerate(text):
        folded = unicodedata.normalize("NFKC", char).casefold()
        for piece in unicodedata.normalize("NFKD", folded):
            if not unicodedata.combining(piece):
                chars.append(piece)
                origins.append(position)
    folded_text = "".join(chars)
    if simplify and _HAN.search(folded_text):
        simplified = _to_simplified(folded_text)
        if len(simplified) == len(folded_text):
            folded_text = simplified
        else:  # a phrase conversion changed the length: convert character by character instead
            folded_text = "".join(c if len(_to_simplified(c)) != 1 else _to_simplified(c) for c in folded_text)
    return folded_text, origins


def tokenize(text: str, simplify: bool = True) -> list[Token]:
    """The words and characters of a question; punctuation only marks where names cannot span."""
    folded, origins = fold(text, simplify)
    tokens = []
    broken = False
    for match in _TOKEN.finditer(folded):
        piece = match.group()
        start = origins[match.start()]
        end = origins[match.end() - 1] + 1
        if piece[0] in "'’" and len(piece) == 2:
            kind, piece = "possessive", "'s"
        elif _HAN.match(piece):
            kind = "han"
        elif piece[0].isalnum():
            kind = "word"
        else:
            broken = broken or piece not in NAME_JOINERS
            continue
        tokens.append(Token(piece, start, end, kind, text[start : start + 1].isupper(), broken))
        broken = False
    return tokens


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """A cue phrase as the folded tokens it must match ("acqui-hire" is acqui, hire).

    Cue words are written in simplified Chinese already, and there are over a thousand of them, so
    this skips the spans and the conversion that questions need.
    """
    folded = fold(phrase, simplify=False)[0]
    pieces = []
    for match in _TOKEN.finditer(folded):
        piece = match.group()
        if piece[0] in "'’" and len(piece) == 2:
            pieces.append("'s")
        elif piece[0].isalnum() or _HAN.match(piece):
            pieces.append(piece)
    return tuple(pieces)
