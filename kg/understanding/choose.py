"""Choosing the catalogue question a parse asks, and filling its parameters, by scoring every question.

A question scores for its own relation words found (3 each, at most two), for giving the answer
type asked (2), for each name its particles or relation words place in one of its parameters (2;
1 when only the kind of name fits), for each filter word it applies (1); it loses 5 for each name
it cannot place, 4 for each required parameter left empty, 3 for each recognised constraint it
cannot apply (words only other questions read among them). Ties go to the question with fewer
problems, then fewer empty name parameters, then the name, so the choice is deterministic. A constraint the chosen question cannot apply is never
dropped: :func:`choose` returns it, and :mod:`kg.ask` refuses with the nearest answerable question.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.questions.base import ENTITY_LABELS, Question, Relation
from kg.understanding.mentions import Mention
from kg.understanding.parse import Cue, Parse

#: answer types that ask for a fact; a question that cannot give it cannot answer
FACT_ANSWERS = ("when", "how_much", "how_many", "title")
_LABEL_WORDS = {"Organization": "organisation", "Person": "person", None: "person or organisation"}


@dataclass
class Candidate:
    """One catalogue question as a reading of the parse: its parameters, score and problems."""

    question: Question
    score: int = 0
    #: how many of its relation words the question has
    relations: int = 0
    params: dict[str, Any] = field(default_factory=dict)
    #: for each parameter, the words it came from
    words: dict[str, str] = field(default_factory=dict)
    placed: dict[int, str] = field(default_factory=dict)  # mention position -> parameter
    #: mention positions placed by a particle or relation word (not only by their kind)
    placed_by_role: set[int] = field(default_factory=set)
    unplaced: list[Mention] = field(default_factory=list)
    #: recognised constraints it cannot apply: (what, words)
    unapplied: list[tuple[str, str]] = field(default_factory=list)
    #: of those, the words only other questions read (it can still answer the rest of the question)
    foreign: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def problems(self) -> int:
        return len(self.unplaced) + len(self.unapplied) + len(self.missing)

    def apply(self, param: str, value: Any, words: str) -> None:
        """A parameter filled from the question's words: one point more for this reading."""
        self.params[param] = value
        self.words[param] = words
        self.score += 1

    def rank_key(self) -> tuple:
        empty = sum(1 for p in self.question.params if p.type in ENTITY_LABELS and p.name not in self.params)
        return (-self.score, self.problems, empty, self.question.name)


def rank(parse: Parse, catalogue: dict[str, Question]) -> list[Candidate]:
    """Every question with some evidence for it, best first."""
    candidates = []
    for question in catalogue.values():
        if question.cues is None:
            continue
        candidate = score(parse, question)
        if candidate is not None:
            candidates.append(candidate)
    # relation words decide what is asked; particles and names alone only when no relation is named
    if any(c.relations for c in candidates):
        candidates = [c for c in candidates if c.relations]
    return sorted(candidates, key=Candidate.rank_key)


def fallback(parse: Parse, catalogue: dict[str, Question]) -> Candidate | None:
    """When no question's words are there: the question the names and answer type fit, if any.

    "who runs Anthropic": no question filters by the kind of role, but people_at takes the
    organisation and answers who, so the refusal can name it.
    """
    readings = [score(parse, q, need_evidence=False) for q in catalogue.values() if q.cues]
    fitting = [
        c for c in readings
        if c is not None
        and (c.placed or {"kind", "country"} & set(c.params))
        and not c.unplaced
        and not c.missing
        and parse.answer in c.question.cues.answers
    ]
    return min(fitting, key=Candidate.rank_key) if fitting else None


def nearest(parse: Parse, catalogue: dict[str, Question], besides: str) -> Candidate | None:
    """The best question that can take the names given with no problem, evidence or not."""
    readings = [score(parse, q, need_evidence=False) for q in catalogue.values() if q.cues and q.name != besides]
    usable = [c for c in readings if c is not None and not c.problems and c.placed]
    return min(usable, key=Candidate.rank_key) if usable else None


def score(parse: Parse, question: Question, need_evidence: bool = True) -> Candidate | None:
    """One question's reading of the parse, or None when nothing in the text points to it."""
    cues = question.cues
    assert cues is not None
    candidate = Candidate(question)
    relations = [(cue, cues.relations[m[2]]) for cue, m in parse.says("relation") if m[1] == question.name]
    found = len({id(cue) for cue, _ in relations})
    candidate.relations = found
    evidence = min(found, 2) * 3
    candidate.score += evidence
    if found:
        candidate.reasons.append(f"+{evidence} relation words: " + ", ".join(dict.fromkeys(c.words for c, _ in relations)))
    consumed: set[int] = set()
    related = {id(cue) for cue, _ in relations}
    for cue, meaning in parse.says("flag"):
        if meaning[1] == question.name and meaning[2] not in candidate.params:
            candidate.params[meaning[2]] = meaning[3]
            candidate.words[meaning[2]] = cue.words
            consumed.add(id(cue))
            if id(cue) not in related:  # a flag its relation word implies ("left": departures) adds nothing
                candidate.score += 1
                candidate.reasons.append(f"+1 {meaning[2]}={_show(meaning[3])} from {cue.words!r}")
    consumed |= {id(cue) for cue, meaning in parse.says("noun") if meaning[1] == question.name}
    _answer(parse, candidate)
    _apply_filters_direction(parse, candidate)
    strong = _place_mentions(parse, candidate, relations)
    _flip_arrivals(parse, candidate)
    _apply_time(parse, candidate)
    _apply_filters(parse, candidate, consumed)
    _other_questions_words(parse, candidate)
    for param in question.params:
        if param.required and param.name not in candidate.params:
            candidate.missing.append(param.name)
            candidate.score -= 4
            candidate.reasons.append(f"-4 needs {param.name}")
    # a question is a reading only if its own words are there, or a name stands in one of its roles
    # for the answer type it gives ("who's at OpenAI"): a bare "for X" points to no question
    answered = parse.answer in cues.answers
    if need_evidence and not (found or (strong and answered) or any(p in candidate.params for p in cues.flags)):
        return None
    return candidate


def _answer(parse: Parse, candidate: Candidate) -> None:
    answer = parse.answer
    if answer is None:
        return
    words = parse.answer_words() or answer
    if answer in candidate.question.cues.answers:
        candidate.score += 2
        candidate.reasons.append(f"+2 answers {answer} ({words!r})")
    elif answer in FACT_ANSWERS:
        candidate.unapplied.append((f"an answer to {words!r}", words))
        candidate.score -= 3
        candidate.reasons.append(f"-3 cannot answer {answer} ({words!r})")
    elif answer not in ("who", "how"):
        candidate.score -= 1
        candidate.reasons.append(f"-1 does not answer {answer}")


def _place_mentions(parse: Parse, candidate: Candidate, relations: list[tuple[Cue, Relation]]) -> int:
    """Put each name into a parameter: by its particles, then by relation words, then by kind.

    Returns how many names kg knows were placed by a particle or relation word (evidence that the
    question is the one asked; a name placed only by its kind is not).
    """
    question = candidate.question
    slots = [p for p in question.params if p.type in ENTITY_LABELS]
    taken: set[str] = set()
    wer = any(c.words.casefold() == "wer" for c in parse.cues if c.kinds("answer"))
    readings: list[tuple[Mention, list[str], list[str]]] = []
    for mention in parse.mentions:
        before, after = particle_roles(parse, mention)
        roles = before + after
        if "except" in roles:
            readings.append((mention, ["except"] if question_has(question, "except") else [], []))
            continue
        if _NOT_A_SLOT & set(roles):  # no question places a name in time ("before OpenAI", "OpenAI之前")
            readings.append((mention, [], []))
            continue
        # the particle right before a name says more than one after it ("A和B之间": 和 makes B the second)
        by_particle = list(
            dict.fromkeys(
                p.name
                for side in (before, after)
                for p in slots
                if set(question.cues.particles.get(p.name, ())) & set(side) and _fits(mention, p.type)
            )
        )
        if {"and", "both"} & set(roles) and question_has(question, "also"):
            by_particle.append("also")
        by_relation = [
            (p, weight) for p, weight in _by_relation(parse, mention, relations, wer) if _fits(mention, question.param(p).type)
        ]
        readings.append((mention, by_particle, by_relation))
    strong = 0
    for stage in (1, 2, 3):
        for mention, by_particle, by_relation in readings:
            if mention.first in candidate.placed:
                continue
            if stage == 1:
                options = [(p, 2) for p in by_particle]
            elif stage == 2:
                options = by_relation
            elif _has_role_elsewhere(mention, parse):
                options = []
            else:  # a name never leaves something out by its kind alone, only after "except"
                options = [(p.name, 1) for p in slots if p.name != "except" and _fits(mention, p.type)]
            choice, gain = next(((p, w) for p, w in options if p not in taken), (None, 0))
            if choice is None:
                continue
            candidate.placed[mention.first] = choice
            if stage < 3:
                candidate.placed_by_role.add(mention.first)
            taken.add(choice)
            _set(candidate, choice, mention)
            strong += stage < 3 and bool(mention.entries)
            candidate.score += gain
            candidate.reasons.append(f"+{gain} {choice} = {mention.words!r}" + (" (by kind)" if stage == 3 else ""))
    for mention, _, _ in readings:
        if mention.first not in candidate.placed:
            candidate.unplaced.append(mention)
            candidate.score -= 5
            candidate.reasons.append(f"-5 has no place for {mention.words!r}")
    return strong


def _set(candidate: Candidate, param: str, mention: Mention) -> None:
    entry = _entity(mention, candidate.question.param(param).type)
    candidate.params[param] = entry.id if entry else mention
    candidate.words[param] = mention.words


def _entity(mention: Mention, param_type: str):
    fitting = mention.fits(ENTITY_LABELS.get(param_type))
    return fitting[0] if len(fitting) == 1 else None


def _fits(mention: Mention, param_type: str) -> bool:
    return not mention.entries or bool(mention.fits(ENTITY_LABELS.get(param_type)))


#: roles that keep a name out of every plain parameter: placed there, it would lose the word
_NOT_A_SLOT = frozenset({"except", "before", "after"})


def _has_role_elsewhere(mention: Mention, parse: Parse) -> bool:
    """A name after "except", "before" or "after" is never a plain parameter: placed by its kind, it would lose that word."""
    return bool(_NOT_A_SLOT & set(roles_of(parse, mention)))


def _by_relation(parse: Parse, mention: Mention, relations: list[tuple[Cue, Relation]], wer: bool) -> list[tuple[str, int]]:
    """The parameters the nearest relation word gives a name, with a weight.

    A directed word says which side of it the name stands on (2); an undirected one only that
    the name goes with it (1), which is less than a particle says.
    """
    if not relations:
        return []
    filler = parse.filler_tokens
    # the nearest word; at equal distance a directed one says more than an undirected one
    cue, relation = min(relations, key=lambda item: (_distance(item[0], mention, filler), item[1].near is not None, item[0].first))
    if relation.near:
        return [(relation.near, 1)]
    if mention.first >= cue.last:
        side = relation.object
    elif wer and relation.object:  # German puts the verb last: after "wer" a name before it is the object
        side = relation.object
    else:
        side = relation.agent
    return [(side, 2)] if side else []


def _distance(cue: Cue, mention: Mention, filler: set[int]) -> int:
    """Tokens between a cue and a name, not counting filler words ("离开了OpenAI": 了)."""
    between = range(mention.last, cue.first) if mention.last <= cue.first else range(cue.last, mention.first)
    return sum(1 for i in between if i not in filler)


def roles_of(parse: Parse, mention: Mention) -> list[str]:
    before, after = particle_roles(parse, mention)
    return before + after


def particle_roles(parse: Parse, mention: Mention) -> tuple[list[str], list[str]]:
    """The roles particles give a name: those right before it (through filler words), those after it."""
    roles: list[str] = []
    if mention.how == "member":
        roles.append("ex")
    by_end = parse.ending_at
    position, steps = mention.first, 0
    while position in by_end and steps < 3:
        cue = by_end[position]
        roles += [m[1] for m in cue.kinds("particle")]
        if not (cue.kinds("particle") or cue.kinds("filler")):
            break
        position, steps = cue.first, steps + 1
    following = parse.starting_at.get(mention.last)
    return roles, [m[1] for m in following.kinds("post")] if following is not None else []


def question_has(question: Question, name: str) -> bool:
    return any(p.name == name for p in question.params)


def _apply_time(parse: Parse, candidate: Candidate) -> None:
    question = candidate.question
    for time in parse.times:
        if time.as_of or (time.moment and question_has(question, "as_of")):
            if question_has(question, "as_of"):
                candidate.apply("as_of", time.as_of or time.moment, time.words)
                continue
        elif all(question_has(question, p) for p in ("since", "until") if getattr(time, p)):
            for name in ("since", "until"):
                if getattr(time, name):
                    candidate.params[name] = getattr(time, name)
                    candidate.words[name] = time.words
            candidate.score += 1
            continue
        candidate.unapplied.append((f"the time {time.words!r} ({time.describe() or 'as_of=' + str(time.moment)})", time.words))
        candidate.score -= 3
        candidate.reasons.append(f"-3 cannot apply the time {time.words!r}")


def _apply_filters(parse: Parse, candidate: Candidate, consumed: set[int]) -> None:
    """Organisation kinds, countries, roles, "top N" and arrivals: applied, or recorded as not."""
    question = candidate.question
    for cue, meaning in parse.says("kind"):
        if id(cue) in consumed:
            continue
        param = next((p for p in question.params if p.name in ("org_kind", "kind") and meaning[1] in p.choices), None)
        if param and not _describes_other_end(parse, candidate, cue):
            _unapplied(candidate, f"the kind of organisation {cue.words!r} ({meaning[1]}) on the side moved from", cue.words)
        elif param:
            candidate.apply(param.name, meaning[1], cue.words)
        else:
            _unapplied(candidate, f"the kind of organisation {cue.words!r} ({meaning[1]})", cue.words)
    for cue, meaning in parse.says("country"):
        if question_has(question, "country") and not _describes_other_end(parse, candidate, cue):
            _unapplied(candidate, f"the country {cue.words!r} ({meaning[1]}) on the side moved from", cue.words)
        elif question_has(question, "country"):
            candidate.apply("country", meaning[1], cue.words)
        else:
            _unapplied(candidate, f"the country {cue.words!r} ({meaning[1]})", cue.words)
    for cue, meaning in parse.says("role_kind"):
        _unapplied(candidate, f"the kind of role {cue.words!r} ({meaning[1]})", cue.words)
    for cue, meaning in parse.says("round"):
        if question_has(question, "round"):
            candidate.apply("round", meaning[1], cue.words)
        else:
            _unapplied(candidate, f"the round {cue.words!r}", cue.words)
    for cue, _ in parse.says("lead"):
        if not question_has(question, "led"):
            _unapplied(candidate, f"the lead investors ({cue.words!r})", cue.words)
        elif "investor" in candidate.params:  # "rounds a16z led": only those
            candidate.apply("led", True, cue.words)
        # "who led X's seed round": the rows name each round's leads, which is the answer asked
    for cue, _ in parse.says("limit"):
        number = next((t.text for t in parse.tokens[cue.last : cue.last + 1] if t.text.isdigit()), None)
        if number is None:
            continue
        if question_has(question, "limit"):
            candidate.apply("limit", int(number), f"{cue.words} {number}")
        else:
            _unapplied(candidate, f"the limit {cue.words!r} {number}", cue.words)
    for cue, meaning in parse.says("direction"):
        if question_has(question, "direction"):
            continue  # read before the names were placed (see _apply_filters_direction)
        if question.cues.origins and meaning[1] == "arrivals":
            continue  # "where did they come from": the rows say where each came from
        if not _arrival_is_destination(parse, candidate, cue):
            _unapplied(candidate, f"arrivals ({cue.words!r})", cue.words)


def _apply_filters_direction(parse: Parse, candidate: Candidate) -> None:
    """A question about moves in one direction: leaving or moving words mean departures."""
    if question_has(candidate.question, "direction") and "direction" not in candidate.params:
        for cue, meaning in parse.says("direction"):
            candidate.params["direction"] = meaning[1]
            candidate.words["direction"] = cue.words


def _flip_arrivals(parse: Parse, candidate: Candidate) -> None:
    """Particles read a move as leaving org for other; an arrival at X has X as org, so they swap.

    "who joined Anthropic from OpenAI": from OpenAI, to Anthropic, read as arrivals into Anthropic.
    A name that owns the arrivals is org already: "Anthropic's hires", "the hires of Anthropic",
    "arrivals at Anthropic", "Anthropic new hires" (placed by the noun, with no particle).
    """
    if candidate.params.get("direction") != "arrivals" or not question_has(candidate.question, "other"):
        return
    placed = next((m for m in parse.mentions if candidate.placed.get(m.first) == "org"), None)
    if placed is not None:
        roles = set(roles_of(parse, placed))
        if not roles & {"from", "ex"} and (roles & {"of", "at", "in"} or (not roles and placed.first in candidate.placed_by_role)):
            return
    origin, destination = candidate.params.pop("org", None), candidate.params.pop("other", None)
    words_from, words_to = candidate.words.pop("org", None), candidate.words.pop("other", None)
    if destination is not None:
        candidate.params["org"], candidate.words["org"] = destination, words_to
    if origin is not None:
        candidate.params["other"], candidate.words["other"] = origin, words_from
    candidate.placed = {k: {"org": "other", "other": "org"}.get(v, v) for k, v in candidate.placed.items()}


def _describes_other_end(parse: Parse, candidate: Candidate, cue: Cue) -> bool:
    """For moves, a kind or country filters the other end: the words must stand in its role.

    "who left OpenAI for Chinese labs": "for" puts them on the side moved to; in "who left Chinese
    labs" they describe the side left, which the question cannot filter.
    """
    if not question_has(candidate.question, "other"):
        return True
    wanted = "from" if candidate.params.get("direction") == "arrivals" else "to"
    by_end = parse.ending_at
    position, steps = cue.first, 0
    while position in by_end and steps < 4:
        before = by_end[position]
        if ("particle", wanted) in before.meanings:
            return True
        if not any(m[0] in ("filler", "answer", "kind", "country") for m in before.meanings):
            return False
        position, steps = before.first, steps + 1
    return False


def _arrival_is_destination(parse: Parse, candidate: Candidate, cue: Cue) -> bool:
    """Joining names the destination of a move whose origin is given, which is what is asked.

    "who left X and joined which startup", "who joined Y from X": moves from X (to Y). "who
    joined Y" alone asks for every arrival at Y, which a question about leaving X cannot give.
    """
    if not question_has(candidate.question, "to") or "org" not in candidate.params:
        return False
    if "to" in candidate.params:  # both ends given: the moves between them, whichever word is used
        return True
    origin = next(
        (m for m in parse.mentions if candidate.placed.get(m.first) == "org" and m.first in candidate.placed_by_role), None
    )
    following = next((m for m in parse.mentions if m.first >= cue.last), None)
    joined_to = following is not None and candidate.placed.get(following.first) == "to"
    return joined_to or (origin is not None and origin.last <= cue.first)


def _other_questions_words(parse: Parse, candidate: Candidate) -> None:
    """Words that only other questions read are a constraint the chosen one cannot apply.

    "which OpenAI cofounders are still there": founders reads "cofounders", and "still there" is
    what retention asks; answering all of OpenAI's founders would drop it.
    """
    own = candidate.question.name
    used = set(candidate.words.values())
    for cue in parse.cues:
        meanings = [m for m in cue.meanings if m[0] != "filler"]
        if not meanings or cue.words in used or any(m[0] not in ("relation", "noun") or m[1] == own for m in meanings):
            continue
        others = " or ".join(dict.fromkeys(m[1] for m in meanings))
        _unapplied(candidate, f"{cue.words!r} (what {others} asks)", cue.words)
        candidate.foreign.append(cue.words)


def _unapplied(candidate: Candidate, what: str, words: str) -> None:
    candidate.unapplied.append((what, words))
    candidate.score -= 3
    candidate.reasons.append(f"-3 cannot apply {what}")


def _show(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def label_word(param_type: str) -> str:
    return _LABEL_WORDS[ENTITY_LABELS.get(param_type)]
