"""A Neo4j Browser guide to the catalogue: one slide per ``cypher/`` file, each a click from the contents.

Every ``cypher/`` file starts with a header of ``//`` lines: what it answers, and the ``:param``
lines to run in the Browser before the query. The guide is made from those files, so a question
added there is in the guide too.

>>> from kg.browser_guide import generate_guide
>>> from kg.locations import cypher_dir
>>> html = generate_guide(cypher_dir(), "http://localhost:8001/kg.html")  # doctest: +SKIP
"""

from __future__ import annotations

import html
import http.server
import re
from dataclasses import dataclass
from pathlib import Path

PARAM_LINE = re.compile(r"^//\s+(:param \w+ => .+;)\s*$")
GUIDE_PATH = "/kg.html"


@dataclass(frozen=True)
class CypherFile:
    """One ``cypher/`` file: its name, what its header says, its ``:param`` lines and its query."""

    name: str
    path: Path
    is_view: bool
    summary: str
    param_lines: tuple[str, ...]
    query: str

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def read_cypher_file(path: Path) -> CypherFile:
    """A ``cypher/`` file split into header and query (the query is everything after the header)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header_length = next((i for i, line in enumerate(lines) if not line.startswith("//")), len(lines))
    header, query = lines[:header_length], lines[header_length:]
    params = tuple(match.group(1) for line in header if (match := PARAM_LINE.match(line)))
    prose = [line[2:].strip() for line in header if not PARAM_LINE.match(line) and "In the Neo4j Browser" not in line]
    summary = " ".join(part for part in prose if part)
    is_view = path.parent.name == "views"
    if is_view:
        summary = summary.removeprefix("View (Neo4j Browser):").strip()
    else:
        summary = summary.removeprefix(f"{path.stem}:").strip()
    return CypherFile(path.stem, path, is_view, summary, params, "\n".join(query).strip() + "\n")


def cypher_files(folder: Path) -> list[CypherFile]:
    """The catalogue's questions (by name), then the views: every file but the schema."""
    questions = sorted(p for p in folder.glob("*.cypher") if p.name != "schema.cypher")
    views = sorted((folder / "views").glob("*.cypher"))
    return [read_cypher_file(path) for path in questions + views]


def generate_guide(folder: Path, url: str) -> str:
    """The guide as one HTML page (the Browser's remote-guide format), served at ``url``."""
    files = cypher_files(folder)
    contents = "\n".join(
        f'<li><a play-topic="{_attribute(url)}#slide-{number}">{html.escape(file.name)}</a>: {html.escape(file.summary)}</li>'
        for number, file in enumerate(files, start=1)
    )
    slides = [
        "<slide>\n<h3>kg, the AI talent graph</h3>\n"
        "<p>Each question of the catalogue, and each view, on a slide of its own. On a slide, click a block "
        "to put it into the editor, then run it (Ctrl+Enter): first the parameters, then the query. Change a "
        "parameter in the editor before running it to ask about someone else.</p>\n"
        f'<p>Questions and views ({len(files)}), one click away:</p>\n<ol class="kg-contents">\n{contents}\n</ol>\n</slide>'
    ]
    for file in files:
        steps = []
        if file.param_lines:
            steps.append("<p>1. Set the parameters:</p>\n" + _runnable("\n".join(file.param_lines)))
        shown = "the graph (Graph view)" if file.is_view else "the rows (Table view)"
        steps.append(f"<p>{len(steps) + 1}. Run the query, and look at {shown}:</p>\n" + _runnable(file.query))
        kind = "View" if file.is_view else "Question"
        slides.append(
            f'<slide data-kg-file="{_attribute(file.name)}">\n<h3>{kind}: {html.escape(file.name)}</h3>\n'
            f"<p>{html.escape(file.summary)}</p>\n" + "\n".join(steps) + "\n</slide>"
        )
    body = "\n".join(slides)
    return f'<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"><title>kg, the AI talent graph</title></head>\n<body>\n<article class="guide">\n<carousel class="deck">\n{body}\n</carousel>\n</article>\n</body>\n</html>\n'


def guide_server(folder: Path, host: str = "127.0.0.1", port: int = 8001, url_host: str = "localhost") -> http.server.ThreadingHTTPServer:
    """An HTTP server for the guide at ``http://URL_HOST:PORT/kg.html`` (call ``serve_forever``).

    The Browser fetches a remote guide from its own page, so the answer allows any origin; it opens
    guides only from hosts on its allowlist, which is ``localhost`` (and guides.neo4j.com) unless
    the server's ``browser.remote_content_hostname_allowlist`` says otherwise.
    """

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802  (the stdlib's name)
            if self.path.split("#")[0] not in ("/", GUIDE_PATH):
                self.send_error(404, "the guide is at " + GUIDE_PATH)
                return
            page = generate_guide(folder, f"http://{url_host}:{self.server.server_address[1]}{GUIDE_PATH}").encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, format, *args):  # noqa: A002
            pass

    return http.server.ThreadingHTTPServer((host, port), Handler)


def _runnable(code: str) -> str:
    return f'<pre class="code runnable">{html.escape(code.strip(), quote=False)}</pre>'


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)
