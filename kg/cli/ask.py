"""Commands that answer questions: ask, query, path, flows."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import main
from kg.cli.options import backend_option, key_values, open_backend, open_embedded, seeds_option
from kg.cli.output import emit, format_option


@main.command()
@click.argument("question", nargs=-1, required=True)
@click.option("--as-of", "as_of", metavar="DATE", help="For questions about a moment: roles held at this date.")
@click.option("--today", metavar="DATE", help="The date 'last year' and 'now' count from (default: the clock's).")
@click.option("--explain", is_flag=True, help="Print how kg read the question (names, time, cues, scores) instead of answering.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path), help="Also draw the answer's subgraph into this HTML file.")
@backend_option
@seeds_option
@format_option
def ask(question: tuple[str, ...], as_of: str | None, today: str | None, explain: bool, html_file: Path | None, backend: str, seeds: Path | None, fmt: str) -> None:
    """Ask in plain language (English, German or Chinese); kg says what it understood, from which words.

    A question kg cannot answer exactly is refused with the nearest question it can answer; it
    never answers a broader one.

    \b
    Examples:
      kg ask "who left OpenAI for which startup?"
      kg ask "Wer hat in Thinking Machines Lab investiert?"
      kg ask 谁创立了月之暗面
      kg ask "how much did Microsoft pay for Inflection AI?"
      kg ask "who worked at OpenAI" --as-of 2020-06 --format json
      kg ask "who left Google last year" --explain
      kg ask "who left OpenAI for which startup?" --html openai-startups.html
    """
    from kg.ask import ask as answer
    from kg.ask import explain as explain_question

    text = " ".join(question)
    day = parse_today(today)
    if explain:
        for line in explain_question(open_backend(backend, seeds), text, day):
            click.echo(line)
        return
    result = answer(open_backend(backend, seeds), text, as_of=as_of, today=day)
    emit(result, fmt)
    if html_file:
        from kg.render import answer_view, write_html

        view = answer_view(open_embedded(seeds), result)
        write_html(view, html_file)
        click.echo(f"wrote {html_file}: {len(view.nodes)} nodes, {len(view.edges)} relationships", err=True)


def parse_today(text: str | None):
    """--today as a date (a full ISO date), or None for the clock's."""
    if text is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"give a date such as 2026-12-01, not {text!r}", param_hint="--today") from None


@main.command()
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A parameter; repeat for more.")
@click.option("--list", "list_all", is_flag=True, help="List the catalogue's questions and their parameters.")
@backend_option
@seeds_option
@format_option
def query(name: str | None, params: tuple[str, ...], list_all: bool, backend: str, seeds: Path | None, fmt: str) -> None:
    """Run a catalogue question by name with KEY=VALUE parameters.

    \b
    Examples:
      kg query --list
      kg query left_for -p org=OpenAI -p startups_only=true
      kg query co_investors -p a=SSI -p "b=Thinking Machines Lab" --format json
    """
    from kg.questions import CATALOGUE, run

    if list_all or not name:
        emit(_catalogue_listing(CATALOGUE), fmt)
        return
    raw = {key: value.strip() for key, value in key_values(params).items()}
    emit(run(open_backend(backend, seeds), name, raw), fmt)


def _catalogue_listing(catalogue):
    from kg.result import Result

    rows = [
        {
            "question": q.name,
            "parameters": ", ".join(q.signature()),
            "answers": q.summary,
            "example": f'kg ask "{q.example}"',
        }
        for q in catalogue.values()
    ]
    return Result("catalogue", {}, ["question", "parameters", "answers", "example"], rows, title="kg questions (? marks an optional parameter)")


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--max-hops", default=6, show_default=True, help="Longest path to look for.")
@backend_option
@seeds_option
@format_option
def path(a: str, b: str, max_hops: int, backend: str, seeds: Path | None, fmt: str) -> None:
    """How two people or organisations connect, each hop explained.

    \b
    Example:
      kg path "Lilian Weng" "Alexandr Wang"
    """
    from kg.questions import run

    emit(run(open_backend(backend, seeds), "path", {"a": a, "b": b, "max_hops": max_hops}), fmt)


@main.command()
@click.argument("orgs", nargs=-1)
@click.option("--top", default=8, show_default=True, help="Without ORGS: how many of the busiest organisations.")
@backend_option
@seeds_option
@format_option
def flows(orgs: tuple[str, ...], top: int, backend: str, seeds: Path | None, fmt: str) -> None:
    """A matrix of how many people moved between organisations (row: from, column: to).

    Units count with their parent: Google includes Google DeepMind and Google Brain.

    \b
    Examples:
      kg flows
      kg flows OpenAI Anthropic "Google DeepMind" Meta
    """
    from kg.flows import flow_matrix

    emit(flow_matrix(open_backend(backend, seeds), list(orgs), top), fmt)
