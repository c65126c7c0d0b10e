"""Finding people and organisations by any of their names, in any script or spelling.

Names compare after :func:`normalize`: Unicode compatibility folding (full-width ``ＯｐｅｎＡＩ`` is
``OpenAI``), case folding, accents dropped (``Karén`` is ``Karen``), traditional Chinese turned
simplified (``智譜`` is ``智谱``, by OpenCC), and spaces and punctuation removed (``Thinking
MachinesLab`` is ``Thinking Machines Lab``).

>>> normalize("Thinking MachinesLab") == normalize("thinking machines lab")
True
>>> normalize("智譜 AI") == normalize("智谱AI")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from kg.errors import Ambiguous, NotFound

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_WORDS = re.compile(r"[\s\-]+")
#: words that name what kind of organisation a name is, not which one
_GENERIC_WORDS = frozenset(
    ("university", "college", "institute", "inc", "ltd", "labs", "lab", "ai", "group", "corp", "corporation", "company",
     "technologies", "technology", "capital", "ventures", "research")
)


def closest(value: str, choices, limit: int = 3, cutoff: float = 60) -> list[str]:
    """The choices nearest a near miss, best first; equal scores in name order, so every run agrees."""
    from rapidfuzz import fuzz, process

    unique = sorted(set(choices))
    scored = process.extract(value, unique, scorer=fuzz.WRatio, limit=None, score_cutoff=cutoff)
    return [choice for choice, _, _ in sorted(scored, key=lambda match: (-match[1], match[0]))[:limit]]


def normalize(name: str) -> str:
    """The key two spellings of one name share."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if _HAN.search(text):
        text = _to_simplified(text)
    return _NOT_WORD.sub("", unicodedata.normalize("NFC", text))


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _to_simplified(text: str) -> str:
    return _converter().convert(text)


class Entry(NamedTuple):
    """One resolvable entity: its id, label (``Person`` or ``Organization``), display name.

    A named tuple: a cached graph of a million people reads its entries back in a third of the
    time frozen dataclass objects would take.
    """

    id: str
    label: str
    name: str


class NameIndex:
    """Every name and alias of the graph's people and organisations, by normalised key.

    >>> index = NameIndex([Entry("lilian-weng", "Person", "Lilian Weng")], {"lilian-weng": ["翁荔"]})
    >>> index.resolve("翁荔").id
    'lilian-weng'
    """

    def __init__(self, entries: list[Entry], aliases: dict[str, list[str]]):
        self.entries = {entry.id: entry for entry in entries}
        self.keys: dict[str, tuple[str, ...]] = {}  # sets while building
        self.spellings: dict[str, str] = {}
        #: keys of names and aliases only (ids are exact handles, not words to complete)
        self.name_keys: set[str] = set()
        #: keys of the leading words of names ("tsinghua" of Tsinghua University), by entity
        self.leading_words: dict[str, tuple[str, ...]] = {}
        for entry in entries:
            for position, name in enumerate([entry.id, entry.name, *aliases.get(entry.id, [])]):
                key = normalize(name)
                if key:
                    self.keys.setdefault(key, set()).add(entry.id)
                    self.spellings.setdefault(key, name)
                    if position:
                        self.name_keys.add(key)
                        words = _WORDS.split(name.strip())
                        for size in range(1, len(words)):
                            lead = normalize(" ".join(words[:size]))
                            if len(lead) >= 4:
                                self.leading_words.setdefault(lead, set()).add(entry.id)
        # most keys name one entity: a sorted tuple holds it in a fraction of a set's bytes
        self.keys = {key: tuple(sorted(ids)) for key, ids in self.keys.items()}  # type: ignore[misc]
        self.leading_words = {key: tuple(sorted(ids)) for key, ids in self.leading_words.items()}  # type: ignore[misc]

    def by_leading_words(self, key: str) -> list[Entry]:
        """The entity whose name begins with these words; several only if none is the evident one.

        Among several, the one with the shortest name wins when its name begins every other
        ("Stanford" is Stanford University, not Stanford AI Lab), as in :meth:`resolve`.
        """
        ids = sorted(self.leading_words.get(key, ()))
        if len(ids) <= 1:
            return [self.entries[i] for i in ids]
        names = {i: normalize(self.entries[i].name) for i in ids}
        shortest = min(ids, key=lambda i: (len(names[i]), i))
        if all(names[i].startswith(names[shortest]) for i in ids):
            return [self.entries[shortest]]
        # "Tsinghua": of Tsinghua University, Tsinghua Unigroup, Tsinghua Holdings Jinxin …, the one
        # whose name is those words and a generic one ("University", "Labs", "AI")
        generic = [i for i in ids if names[i][len(key) :] in _GENERIC_WORDS]
        if len(generic) == 1:
            return [self.entries[generic[0]]]
        return [self.entries[i] for i in ids]

    def lookup(self, name: str, label: str | None = None) -> list[Entry]:
        """Every entity a name can mean exactly (after normalisation), optionally of one label."""
        ids = self.keys.get(normalize(name), ())
        found = [self.entries[i] for i in sorted(ids)]
        return [e for e in found if label is None or e.label == label]

    def resolve(self, name: str, label: str | None = None) -> Entry:
        """The one entity a name means; raise :class:`NotFound` (with suggestions) or :class:`Ambiguous`.

        An exact id is taken as it is (resolved parameters travel as ids).
        """
        exact = self.entries.get(name)
        if exact is not None and (label is None or exact.label == label):
            return exact
        found = self.lookup(name, label) or self._by_prefix(name, label)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise Ambiguous(name, [f"{e.name} ({e.label.lower()}, id {e.id})" for e in found])
        what = {"Person": "person", "Organization": "organisation"}.get(label or "", "person or organisation")
        raise NotFound(name, self.suggest(name, label), what)

    def _by_prefix(self, name: str, label: str | None) -> list[Entry]:
        """Entities whose name begins with the words given ("Tsinghua" for "Tsinghua University").

        One candidate is the answer; among several, the shortest wins only when it begins every
        other one (a unit named after its parent); otherwise they are all returned as ambiguous.
        """
        key = normalize(name)
        if len(key) < 4:
            return []
        keys = sorted(
            {k for k in self.name_keys if k.startswith(key) and k != key},
            key=lambda k: (len(k), k),
        )
        found: dict[str, str] = {}
        for candidate in keys:
            for entity_id in sorted(self.keys[candidate]):
                if label is None or self.entries[entity_id].label == label:
                    found.setdefault(entity_id, candidate)
        if len(found) <= 1:
            return [self.entries[i] for i in found]
        shortest = min(found.values(), key=len)
        owners = [i for i, k in found.items() if k == shortest]
        if len(owners) == 1 and all(k.startswith(shortest) for k in found.values()):
            return [self.entries[owners[0]]]
        return [self.entries[i] for i in sorted(found)]

    def suggest(self, name: str, label: str | None = None, limit: int = 3) -> list[str]:
        """The display names closest to a near miss."""
        from rapidfuzz import fuzz, process

        key = normalize(name)
        if not key:
            return []
        choices = {
            k: k for k, ids in self.keys.items() if label is None or any(self.entries[i].label == label for i in ids)
        }
        matches = process.extract(key, choices, scorer=fuzz.WRatio, limit=limit * 8, score_cutoff=70)
        # WRatio finds near misses inside longer names too; the plain ratio orders them, so a whole
        # name spelt nearly alike ("Anthropik": Anthropic) comes before one that merely contains a part
        matches.sort(key=lambda match: (-round(fuzz.ratio(key, match[0])), -match[1], len(match[0]), match[0]))
        names: list[str] = []
        for match in matches:
            for entity_id in sorted(self.keys[match[0]]):
                display = self.entries[entity_id].name
                if display not in names:
                    names.append(display)
        return names[:limit]
