"""A Neo4j Browser guide to the catalogue: one slide per ``cypher/`` file, each a click from the contents.

Every ``cypher/`` file starts with a header of ``//`` lines: what it answers, and the ``:param``
lines to run in the Browser before the query. The guide is made from those files, so a question
added there is in the guide too.

>>> from kg.browser_guide import generate_guide
>>> from kg.locations import cypher_dir
>>> html = generate_guide(cypher_dir(), "http://localhost:8001")  # doctest: +SKIP
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


def generate_guide(folder: Path, base_url: str) -> str:
    """The guide as one HTML page in the Browser's remote-guide format, for ``BASE_URL/kg.html``.

    Its first slide lists every file, and the slides after it hold the files in that order; a click
    on a name in the list runs ``:guide BASE_URL/kg.html#slide-N``, which opens the guide in the
    Browser's sidebar at that file's slide.
    """
    files = cypher_files(folder)
    contents = "\n".join(
        f'<li><a exec-topic="{_attribute(slide_command(base_url, number))}">{html.escape(file.name)}</a>: '
        f"{html.escape(file.summary)}</li>"
        for number, file in enumerate(files, start=1)
    )
    first = (
        "<slide>\n<h3>kg, the AI talent graph</h3>\n"
        "<p>Each question of the catalogue, and each view, on a slide of its own. On a slide, click a block "
        "to put it into the editor, then run it (Ctrl+Enter): first the parameters, then the query. Change a "
        "parameter in the editor before running it to ask about someone else.</p>\n"
        f'<p>Questions and views ({len(files)}), each one click away:</p>\n<ol class="kg-contents">\n{contents}\n</ol>\n</slide>'
    )
    return _page("kg, the AI talent graph", [first] + [_slide(file, base_url) for file in files])


def slide_command(base_url: str, number: int) -> str:
    """The Browser command (without its colon) that opens the guide at slide ``number`` (0: the contents)."""
    return f"guide {base_url}{GUIDE_PATH}#slide-{number}"


def guide_server(folder: Path, host: str = "127.0.0.1", port: int = 8001, url_host: str = "localhost") -> http.server.ThreadingHTTPServer:
    """An HTTP server for the guide at ``http://URL_HOST:PORT/kg.html`` (call ``serve_forever``).

    The Browser fetches a remote guide from its own page (a cross-origin request with no-cache
    headers, so preceded by a CORS preflight), so the answers allow any origin; it opens guides only
    from hosts on its allowlist, which is ``localhost`` (and guides.neo4j.com) unless the server's
    ``browser.remote_content_hostname_allowlist`` says otherwise.
    """

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_OPTIONS(self):  # noqa: N802  (the stdlib's name)
            self.send_response(204)
            self._allow_any_origin()
            self.send_header("Access-Control-Allow-Methods", "GET, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", self.headers.get("Access-Control-Request-Headers", "*"))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self):  # noqa: N802
            base_url = f"http://{url_host}:{self.server.server_address[1]}"
            path = self.path.split("#")[0].split("?")[0]
            if path not in ("/", GUIDE_PATH):
                self.send_error(404, "the guide is at " + GUIDE_PATH)
                return
            page = generate_guide(folder, base_url).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self._allow_any_origin()
            self.end_headers()
            self.wfile.write(page)

        def _allow_any_origin(self):
            self.send_header("Access-Control-Allow-Origin", "*")

        def log_message(self, format, *args):  # noqa: A002
            pass

    return http.server.ThreadingHTTPServer((host, port), Handler)


def _slide(file: CypherFile, base_url: str) -> str:
    steps = []
    if file.param_lines:
        steps.append("<p>1. Set the parameters:</p>\n" + _runnable("\n".join(file.param_lines)))
    shown = "the graph (Graph view)" if file.is_view else "the rows (Table view)"
    steps.append(f"<p>{len(steps) + 1}. Run the query, and look at {shown}:</p>\n" + _runnable(file.query))
    kind = "View" if file.is_view else "Question"
    back = f'<p><a exec-topic="{_attribute(slide_command(base_url, 0))}">All questions and views</a></p>'
    return (
        f'<slide data-kg-file="{_attribute(file.name)}">\n<h3>{kind}: {html.escape(file.name)}</h3>\n'
        f"<p>{html.escape(file.summary)}</p>\n" + "\n".join(steps) + f"\n{back}\n</slide>"
    )


def _page(title: str, slides: list[str]) -> str:
    body = "\n".join(slides)
    return (
        f'<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"><title>{html.escape(title)}</title></head>\n<body>\n'
        f'<article class="guide">\n<carousel class="deck">\n{body}\n</carousel>\n</article>\n</body>\n</html>\n'
    )


def _runnable(code: str) -> str:
    return f'<pre class="code runnable">{html.escape(code.strip(), quote=False)}</pre>'


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)
