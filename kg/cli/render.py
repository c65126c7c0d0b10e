"""The render command: interactive HTML views that open offline in any browser."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import main
from kg.defaults import MAX_NODES
from kg.cli.options import open_embedded, seeds_option


@main.command()
@click.argument("names", nargs=-1)
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=1), help="Neighbourhood: how many steps out from NAME.")
@click.option("--path", "path_mode", is_flag=True, help="Draw how the two NAMES connect.")
@click.option("--flows", "flows_mode", is_flag=True, help="Organisations joined by talent flows (NAMES, or the busiest).")
@click.option("--max-nodes", default=MAX_NODES, show_default=True, type=click.IntRange(min=1), help="Prune bigger views to their most connected part.")
@click.option("-o", "--output", help="File to write, or a folder to write it in (default: named after the view).")
@click.option("--open", "open_it", is_flag=True, help="Open the page in the default browser.")
@seeds_option
def render(names, depth, path_mode, flows_mode, max_nodes, output, open_it, seeds) -> None:
    """Write an interactive HTML view: a neighbourhood, a path, or talent flows.

    The page is self-contained (it works offline), with a legend, colours by kind, a search box
    and a filter by kind; tooltips show each fact's sources.

    \b
    Examples:
      kg render "Thinking Machines Lab" -o tml.html
      kg render OpenAI --depth 2 --max-nodes 300
      kg render --path "Lilian Weng" "Alexandr Wang"
      kg render --flows OpenAI Anthropic "Google DeepMind" Meta xAI
    """
    from kg import render as views

    graph = open_embedded(seeds)
    if path_mode:
        if len(names) != 2:
            raise click.UsageError("--path takes two names")
        view = views.path_view(graph, names[0], names[1])
    elif flows_mode:
        view = views.flows_view(graph, list(names))
    else:
        if len(names) != 1:
            raise click.UsageError("give one person or organisation (or --path A B, or --flows)")
        view = views.neighbourhood_view(graph, names[0], depth=depth, max_nodes=max_nodes)
    from kg.cli.output import terminal_text
    from kg.files import output_path

    written = views.write_html(view, output_path(output, f"{view.slug}.html"))
    click.echo(terminal_text(f"wrote {written}: {len(view.nodes)} nodes, {len(view.edges)} relationships ({view.note})"))
    if open_it:
        import webbrowser

        webbrowser.open(written.resolve().as_uri())
