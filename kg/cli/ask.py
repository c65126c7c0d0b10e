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
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path), help="Also draw the answer's subgraph into this HTML file.")
@backend_option
@seeds_option
@format_option
def ask(question: tuple[str, ...], as_of: str | None, html_file: Path | None, backend: str, seeds: Path | None, fmt: str) -> None:
    """Ask in plain language (English, German or Chinese); kg says which question it understood.

    \b
    Examples:
      kg ask "who left OpenAI for which startup?"
      kg ask "Wer hat in Thinking Machines Lab investiert?"
      kg ask 谁创立了月之暗面
      kg ask "who worked at OpenAI" --as-of 2020-06 --format json
      kg ask "who left OpenAI for which startup?" --html openai-startups.html
    """
    from kg.ask import ask as answer

    result = answer(open_backend(backend, seeds), " ".join(question), as_of=as_of)
    emit(result, fmt)
    if html_file:
        from kg.render import answer_view, write_html

        view = answer_view(open_embedded(seeds), result)
        write_html(view, html_file)
        click.echo(f"wrote {html_file}: {len(view.nodes)} nodes, {len(view.edges)} relationships", err=True)
