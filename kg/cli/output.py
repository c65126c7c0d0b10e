"""One way to print rows for every command: a rich table, one JSON object, or CSV."""

from __future__ import annotations

import csv
import json
import re
import sys
from typing import Any

import click

from kg.result import Result

FORMATS = ("table", "json", "csv")

#: What a terminal would obey rather than show: C0 and C1 controls (ESC clears the screen or
#: retitles the window, NUL and BEL misbehave) and the bidirectional overrides that reorder text.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_text(text: str) -> str:
    """Text from the data as a terminal should show it: control characters written as escapes."""
    return _CONTROLS.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def format_option(function):
    """The shared ``--format`` option."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="How to print the rows.",
    )(function)


def emit(result: Result, fmt: str) -> None:
    """Print a result to stdout in the chosen format; nothing else goes to stdout."""
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2, default=str))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        # a file or a pipe gets the data as it is; a terminal gets it escaped
        shown = terminal_text if sys.stdout.isatty() else str
        writer.writerow([shown(column) for column in result.columns])
        for row in result.rows:
            writer.writerow([shown(_flat(row.get(column), "; ")) for column in result.columns])
    else:
        _table(result)


def _table(result: Result) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Cells are Text, never markup: a name such as "[bold]x" prints as written.
    console = Console(soft_wrap=False)
    # the title stands on its own line so that what kg understood can follow it, before the rows
    table = Table()
    # a column nobody has a value in only takes room on a terminal (json and csv keep it)
    columns = result.table_columns or result.columns
    shown = [c for c in columns if any(row.get(c) not in (None, [], "") for row in result.rows)]
    if result.answer:
        shown = [c for c in shown if c != "claims"]  # the answer line gives every disputed figure with its sources
    # sources become numbered footnotes, listed under the table with their publisher and title
    footnotes = {source: number for number, source in enumerate(result.cited(), start=1)} if "sources" in shown else {}
    for column in shown:
        table.add_column(Text(terminal_text(column.replace("_", " "))), overflow="fold")
    for row in result.rows:
        cells = []
        for column in shown:
            value = row.get(column)
            if column == "sources" and footnotes:
                value = "".join(f"[{footnotes[s]}]" for s in value or [])
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
                value = f"{value:,}"  # amounts read better grouped on a terminal; json and csv stay raw
            cells.append(Text(terminal_text(_flat(value, ", "))))
        table.add_row(*cells)
    # the lines before and after the table are printed as one text each: a print costs more than a line
    head: list[Text] = []
    if result.answer:
        head.append(Text(terminal_text(result.answer), style="bold"))
    if result.title:
        head.append(Text(terminal_text(result.title)))
    if result.understood:
        words = ", ".join(f"{param} from {text!r}" for param, text in result.understood.items())
        head.append(Text(terminal_text(f"understood: {words}"), style="dim"))
    if result.ignored:
        head.append(Text(terminal_text("ignored: " + ", ".join(repr(w) for w in result.ignored)), style="dim"))
    tail = [Text(terminal_text(note), style="dim") for note in result.notes]
    for source, number in footnotes.items():
        tail.append(Text(terminal_text(f"[{number}] {_describe_source(source, result.sources.get(source))}"), style="dim"))
    if not result.rows:
        tail.append(Text("(no rows)", style="dim"))
    if head:
        console.print(Text("\n").join(head))
    if result.rows:
        console.print(table)
    if tail:
        console.print(Text("\n").join(tail))


def _describe_source(source: str, details: dict[str, Any] | None) -> str:
    if not details:
        return source
    parts = [details.get("publisher"), details.get("date"), details.get("title"), details.get("url")]
    return f"{source}: " + ", ".join(str(part) for part in parts if part)


def _flat(value: Any, joiner: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return joiner.join(_flat(item, joiner) for item in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
