"""``kg ask``: a question in English, German or Chinese, understood by composition and answered.

The question is taken apart (:mod:`kg.understanding.parse`): names through the backend's name
index, time expressions, relation words with their direction, role particles, the answer type.
Every catalogue question then scores its reading (:mod:`kg.understanding.choose`), and the best
one runs. kg never answers a broader question than the one asked: a name it cannot resolve gets
"did you mean", and a constraint the chosen question cannot apply is refused, naming the nearest
question kg can answer.

>>> understand(backend, "who left OpenAI for which startup?").params   # doctest: +SKIP
{'startups_only': True, 'org': 'openai'}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kg.errors import Ambiguous, NoAnswer, NotFound, UsageError
from kg.backends import Backend
from kg.questions import CATALOGUE, asked, run
from kg.questions.base import ENTITY_LABELS
from kg.result import Result


@dataclass
class Understood:
    """The catalogue question a text was mapped to, its parameters and the words each came from."""

    intent: str
    params: dict[str, Any]
    words: dict[str, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    #: the answer type asked (who, when, how_much, …)
    answer: str | None = None


def ask(backend: Backend, text: str, as_of: str | None = None, today: date | None = None) -> Result:
    """Answer a plain-language question, saying what it understood and from which words."""
    understood = understand(backend, text, today)
    params = dict(understood.params)
    if understood.intent not in CATALOGUE:  # a talent metric (kg.metrics), computed from careers
        from kg.metrics import answer_metric

        if as_of:
            raise UsageError(f"--as-of does not apply to {understood.intent}; it counts every career kg holds")
        result = answer_metric(backend, understood.intent, params, (today or date.today()).isoformat())
        shown = ", ".join(f"{key}={backend.graph.name(value) if isinstance(value, str) else value}" for key, value in params.items())
        result.question = text
        result.title = f"understood as {understood.intent}({shown}): {result.title.split(': ', 1)[-1]}"
        result.understood, result.ignored = dict(understood.words), list(understood.ignored)
        return result
    if as_of:
        if not any(p.name == "as_of" for p in CATALOGUE[understood.intent].params):
            raise UsageError(f"--as-of needs a question about a moment; {understood.intent} takes no as_of")
        if "as_of" in params:
            raise UsageError(f"the question already gives the moment ({understood.words['as_of']!r}); drop --as-of")
        params["as_of"] = as_of
        understood.words["as_of"] = "--as-of"
    # "how many" runs the question as a count: the answer line says how many, the rows what it rests on
    count = understood.answer == "how_many" and CATALOGUE[understood.intent].counts is not None
    result = run(backend, understood.intent, params, question_text=text, count=count)
    result.title = f"understood as {result.title}"
    result.understood = dict(understood.words)
    result.ignored = list(understood.ignored)
    return result


def understand(backend: Backend, text: str, today: date | None = None) -> Understood:
    """Map text to a catalogue question and its parameters; raise NotFound, Ambiguous or NoAnswer."""
    from kg.understanding.choose import fallback

    parsed, ranking = _read(backend, text, today)
    if not ranking:
        # no question's own words: the question that the names and the answer type asked fit
        best = fallback(parsed, CATALOGUE)  # a metric is only ever asked for with its own words
        if best is None:
            raise NoAnswer(_unmapped(text, parsed))
        ranking = [best]
    best = ranking[0]
    index = backend.name_index
    _check_names(best, index)
    if best.unplaced or best.unapplied:
        raise NoAnswer(_refusal(best, ranking, parsed, index))
    if best.missing:
        _missing(best, parsed, index)
    order = [p.name for p in best.question.params]
    params = {name: best.params[name] for name in order if name in best.params}
    words = {name: best.words[name] for name in order if name in best.words}
    return Understood(best.question.name, params, words, list(parsed.ignored), parsed.answer)


def explain(backend: Backend, text: str, today: date | None = None) -> list[str]:
    """The parse of a question, line by line: names, time, cues, the choice and its runners-up."""
    parsed, ranking = _read(backend, text, today)
    lines = [f"question: {text.strip()}"]
    for mention in parsed.mentions:
        span = f"{parsed.tokens[mention.first].start}-{parsed.tokens[mention.last - 1].end}"
        meaning = ", ".join(f"{e.name} ({e.label.lower()}, {e.id})" for e in mention.entries) or "nothing kg knows"
        how = "" if mention.how == "name" else f" [{mention.how}]"
        lines.append(f"name {span} {mention.words!r}{how}: {meaning}")
    for time in parsed.times:
        lines.append(f"time {time.start}-{time.end} {time.words!r}: {time.describe() or 'as_of=' + str(time.moment)}")
    for cue in parsed.cues:
        meanings = [_meaning(m) for m in cue.meanings if m[0] != "filler"]
        if meanings:
            lines.append(f"cue {parsed.tokens[cue.first].start}-{parsed.tokens[cue.last - 1].end} {cue.words!r}: " + "; ".join(meanings))
    if parsed.answer:
        lines.append(f"answer type: {parsed.answer}")
    if parsed.ignored:
        lines.append("ignored: " + ", ".join(repr(w) for w in parsed.ignored))
    if not ranking:
        lines.append("no catalogue question fits")
        return lines
    for place, candidate in enumerate(ranking[:4]):
        head = "chosen" if place == 0 else "runner-up"
        shown = ", ".join(f"{k}={_shown(v)}" for k, v in candidate.params.items())
        lines.append(f"{head}: {candidate.question.name}({shown}) score {candidate.score}")
        lines.extend(f"  {reason}" for reason in candidate.reasons)
    try:
        understand(backend, text, today)
    except (NoAnswer, NotFound, Ambiguous) as err:
        lines.append(f"refused: {err}")
    return lines


def _read(backend: Backend, text: str, today: date | None):
    from kg.understanding.choose import rank
    from kg.understanding.parse import parse
    from kg.understanding.text import MAX_LENGTH

    if not text.strip():
        raise NoAnswer("ask a question, for example: " + _examples(list(CATALOGUE)[:3]))
    if len(text) > MAX_LENGTH:
        raise NoAnswer(f"the question is {len(text)} characters long; kg reads questions of up to {MAX_LENGTH}")
    parsed = parse(text, backend.name_index, today or date.today())
    # a metric is a reading only when its own words are there ("retention", "boomerangs" …)
    ranking = [c for c in rank(parsed, asked()) if c.question.name in CATALOGUE or c.relations]
    return parsed, ranking


def _check_names(best, index) -> None:
    """Every name the chosen question uses, or that kg could not place, must mean one entity."""
    from kg.understanding.mentions import Mention

    for mention in best.unplaced:
        if not mention.entries:
            raise NotFound(mention.words, index.suggest(mention.words), "person or organisation")
    for name, value in best.params.items():
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, Mention):
                continue
            param_type = best.question.param(name).type
            label = ENTITY_LABELS.get(param_type)
            from kg.understanding.choose import label_word

            if not item.entries:
                raise NotFound(item.words, index.suggest(item.words, label), label_word(param_type))
            raise Ambiguous(item.words, [f"{e.name} ({e.label.lower()}, id {e.id})" for e in item.fits(label)])


def _missing(best, parsed, index) -> None:
    from kg.understanding.choose import label_word

    param = best.question.param(best.missing[0])
    if param.type in ENTITY_LABELS and parsed.ignored:
        words = next((w for w in parsed.ignored if w[:1].isupper()), parsed.ignored[-1])
        raise NotFound(words, index.suggest(words, ENTITY_LABELS[param.type]), label_word(param.type))
    raise NoAnswer(
        f"{best.question.name} needs {param.name} ({param.help}) and the question names none; "
        f'for example: "{best.question.example}"'
    )


def _refusal(best, ranking, parsed, index) -> str:
    """Which constraint cannot be applied, and the nearest questions kg can answer instead."""
    from kg.understanding.choose import label_word, nearest, roles_of

    problems = [what for what, _ in best.unapplied]
    for mention in best.unplaced:
        roles = roles_of(parsed, mention)
        kinds = " or ".join(sorted({label_word("person" if e.label == "Person" else "org") for e in mention.entries}))
        if "except" in roles:
            problems.append(f"the exclusion of {mention.words!r}")
        elif {"and", "both"} & set(roles):
            problems.append(f"both {kinds}s at once (the second: {mention.words!r})")
        else:
            problems.append(f"the {kinds} {mention.words!r}")
    options = [] if best.missing else [best]
    # a question that answers the rest of what was asked, when the chosen one cannot ("still there": retention)
    alternative = next((c for c in ranking[1:] if c.problems == len(c.foreign) and c.score > 0), None)
    if alternative is None and best.missing:
        alternative = nearest(parsed, asked(), besides=best.question.name)
    if alternative is not None:
        options.append(alternative)
    offer = " or ".join(_describe(c, index) for c in options) if options else "none (no catalogue question takes these names)"
    return (
        f"{best.question.name} cannot apply {' and '.join(problems)}, and kg does not answer a broader question "
        f"than the one asked; the nearest it can answer: {offer}"
    )


def _describe(candidate, index) -> str:
    from kg.understanding.mentions import Mention

    shown = []
    for name, value in candidate.params.items():
        if isinstance(value, Mention) or (isinstance(value, list) and any(isinstance(v, Mention) for v in value)):
            continue
        if isinstance(value, list):
            value = "+".join(index.entries[v].name if v in index.entries else str(v) for v in value)
        elif name in {p.name for p in candidate.question.params if p.type in ENTITY_LABELS}:
            value = index.entries[value].name
        shown.append(f"{name}={_shown(value)}")
    return f"{candidate.question.name}({', '.join(shown)})"


def _unmapped(text: str, parsed) -> str:
    from kg.understanding.choose import FACT_ANSWERS

    known = [m.words for m in parsed.mentions if m.entries]
    named = f" (it names {', '.join(known)})" if known else ""
    answer = parsed.answer
    if answer in FACT_ANSWERS and not any(q.cues and answer in q.cues.answers for q in CATALOGUE.values()):
        return (
            f"no catalogue question answers {answer} ({parsed.answer_words()!r}) yet{named}; "
            "the closest: " + _examples(_closest(text))
        )
    return f"kg could not map {text.strip()!r} to a question it knows{named}; the closest: " + _examples(_closest(text))


def _meaning(meaning: tuple) -> str:
    kind = meaning[0]
    if kind == "relation":
        return f"relation of {meaning[1]}"
    if kind == "flag":
        return f"{meaning[1]}: {meaning[2]}={_shown(meaning[3])}"
    if kind == "noun":
        return f"names the answer of {meaning[1]}"
    return f"{kind} {meaning[1]}" if len(meaning) > 1 else kind


def _shown(value: Any) -> str:
    from kg.understanding.mentions import Mention

    if isinstance(value, Mention):
        return repr(value.words) + "?"
    if isinstance(value, list):
        return "+".join(_shown(v) for v in value)
    return str(value).lower() if isinstance(value, bool) else str(value)


def _closest(text: str) -> list[str]:
    from rapidfuzz import fuzz, process

    examples = {name: question.example for name, question in CATALOGUE.items()}
    matches = process.extract(text, examples, scorer=fuzz.token_set_ratio, limit=3)
    return [match[2] for match in matches]


def _examples(names: list[str]) -> str:
    return "; ".join(f'{name} ("{CATALOGUE[name].example}")' for name in names)
