"""The ask command: a question in plain language, answered from the catalogue."""

from __future__ import annotations

from pathlib import Path

import click

from kg.backends import open_backend
from kg.cli import main
from kg.cli.options import backend_option, open_embedded, seeds_option
from kg.cli.output import emit, format_option


@main.command()
@click.argument("question", nargs=-1, required=True)
@click.option("--as-of", "as_of", metavar="DATE", help="For questions about a moment: roles held at this date.")
@click.option("--today", metavar="DATE", help="The date 'last year' and 'now' count from (default: the clock's).")
@click.option("--explain", is_flag=True, help="Print how kg read the question (names, time, cues, scores) instead of answering.")
@click.option("--html", "html_file", help="Also draw the answer's subgraph into this HTML file (or a folder).")
@backend_option
@seeds_option
@format_option
def ask(question: tuple[str, ...], as_of: str | None, today: str | None, explain: bool, html_file: str | None, backend: str, seeds: Path | None, fmt: str) -> None:
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

        from kg.files import output_path

        view = answer_view(open_embedded(seeds), result)
        written = write_html(view, output_path(html_file, f"{view.slug}.html"))
        click.echo(f"wrote {written}: {len(view.nodes)} nodes, {len(view.edges)} relationships", err=True)


def parse_today(text: str | None):
    """--today as a date (a full ISO date), or None for the clock's."""
    if text is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"give a date such as 2026-12-01, not {text!r}", param_hint="--today") from None
