"""``kg report``: a self-contained HTML dossier of one organisation, charts included.

The page holds its founders and where they came from, its rounds over time, arrivals and
departures per quarter, where its people came from and went (a flow picture), its deals, the people
there now and the talent metrics, each figure linked to the sources behind it. Charts are drawn
with plotly.js, written into the page itself, so the file opens offline and sends no request.

Every text from the data is HTML-escaped before it reaches the page or a chart, and the chart data
travels as JSON with ``<`` escaped, so a name such as ``</script><img onerror=…>`` shows as text.

>>> write_report(open_graph(), "Thinking Machines Lab", Path("tml.html"))   # doctest: +SKIP
'Thinking Machines Lab: 4 charts, 12 people, 3 rounds, 2 deals, 31 sources'
"""

from __future__ import annotations

import datetime as _dt
import html
import json
from collections import Counter
from pathlib import Path
from typing import Any

from kg import metrics
from kg.dates import earliest
from kg.store import TalentGraph

#: How many origins and destinations the flow picture shows on each side.
FLOW_SIDES = 12


def build_report(graph: TalentGraph, org: str, today: str | None = None) -> dict[str, Any]:
    """Everything the dossier shows, as plain data: sections of rows and the charts' series."""
    from kg.backends.embedded import EmbeddedBackend
    from kg.questions import run

    today = today or _dt.date.today().isoformat()
    org_id = graph.resolve(org, "Organization").id
    backend = EmbeddedBackend(graph)
    data = graph.node(org_id)
    family = graph.family(org_id)
    founders = run(backend, "founders", {"org": org_id}).rows
    rounds = _rounds(run(backend, "investors", {"org": org_id}).rows)
    deals = run(backend, "acquisitions", {"org": org_id}).rows + run(backend, "attempted_deals", {"org": org_id}).rows
    deals.sort(key=lambda row: (row.get("date") or "9999", row["acquirer"], row["target"]))
    now = [row for row in run(backend, "people_at", {"org": org_id, "as_of": today}).rows if row["kind"] != "intern"]
    arrivals, departures, came_from, went_to = _movement(graph, family)
    retention = metrics.retention(graph, [org_id], today=today).rows[0]
    return {
        "id": org_id,
        "name": graph.name(org_id),
        "facts": {key: data.get(key) for key in ("kind", "country", "founded", "status")}
        | {"part of": graph.name(data["parent"]) if data.get("parent") else None, "aliases": ", ".join(data.get("aliases", [])) or None},
        "sources": sorted(set(data.get("sources", []))),
        "founders": founders,
        "rounds": rounds,
        "deals": deals,
        "people_now": now,
        "quarters": _by_quarter(arrivals, departures),
        "came_from": came_from.most_common(FLOW_SIDES),
        "went_to": went_to.most_common(FLOW_SIDES),
        "retention": retention,
        "boomerangs": metrics.boomerangs(graph, org_id).rows,
        "headcount": metrics.headcount(graph, org_id, today).rows,
        "today": today,
    }


def write_report(graph: TalentGraph, org: str, path: Path, today: str | None = None) -> str:
    """Write the dossier of ``org`` to ``path``; returns a one-line summary of what it holds."""
    report = build_report(graph, org, today)
    page = generate_report(graph, report)
    path.write_text(page, encoding="utf-8")
    return (
        f"{report['name']}: {len(_charts(report))} charts, {len(report['people_now'])} people there now, "
        f"{len(report['rounds'])} rounds, {len(report['deals'])} deals, {len(_cited(report))} sources"
    )


def generate_report(graph: TalentGraph, report: dict[str, Any]) -> str:
    """The dossier as one HTML page."""
    from plotly.offline import get_plotlyjs

    cited = _cited(report)
    number = {source: index for index, source in enumerate(cited, start=1)}
    refs = lambda sources: "".join(f'<a href="#src-{number[s]}">[{number[s]}]</a>' for s in sorted(set(sources or [])))  # noqa: E731
    charts = _charts(report)
    parts = [
        f"<h1>{_e(report['name'])}</h1>",
        _facts(report, refs),
        _section("Founders and where they came from", ["founder", "title", "date", "came from", "sources"],
                 [[r["founder"], r["title"], r["date"], r["came_from"], refs(r["sources"])] for r in report["founders"]]),
        _section("Funding rounds", ["date", "round", "amount", "valuation", "leads", "investors", "sources"],
                 [[r["date"], r["round"], _money(r["amount"], r["currency"]), _money(r["valuation"], r["currency"]),
                   ", ".join(r["leads"]), ", ".join(r["investors"]), refs(r["sources"])] for r in report["rounds"]]),
        _chart("rounds", charts),
        "<h2>Arrivals and departures</h2>",
        _chart("movement", charts),
        _chart("flow", charts),
        _chart("headcount", charts),
        _section("Deals", ["date", "acquirer", "target", "kind", "outcome", "amount", "people", "sources"],
                 [[r["date"], r["acquirer"], r["target"], r["kind"], r["outcome"], _money(r["amount"], r["currency"]),
                   ", ".join(r["people"]), refs(r["sources"])] for r in report["deals"]]),
        _section(f"People there now (as of {report['today']})", ["person", "at", "title", "since", "sources"],
                 [[r["person"], r["org"], r["title"], r["start"], refs(r["sources"])] for r in report["people_now"]]),
        _metrics(report, refs),
        _sources(graph, cited),
    ]
    plots = ",\n".join(
        f"Plotly.newPlot({json.dumps(name)}, {_json(chart['data'])}, {_json(chart['layout'])}, "
        '{"displaylogo": false, "responsive": true, "showLink": false})'
        for name, chart in charts.items()
    )
    # the page says when every chart is drawn (tests and screenshots wait for it)
    scripts = f"Promise.all([{plots}]).then(function () {{ document.body.dataset.drawn = 'yes'; }});"
    return _PAGE.format(
        title=_e(f"{report['name']}: kg dossier"),
        plotly=get_plotlyjs(),
        body="\n".join(part for part in parts if part),
        scripts=scripts,
    )


# -- the data behind the page --------------------------------------------------------------------


def _rounds(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``investors`` rows (one per investor) folded into one row per round."""
    rounds: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        key = (row["date"] or "", row["round"])
        entry = rounds.setdefault(key, {k: row[k] for k in ("date", "round", "amount", "currency", "valuation")} | {"leads": [], "investors": [], "sources": set()})
        if row.get("investor"):
            entry["leads" if row.get("lead") else "investors"].append(row["investor"])
        entry["sources"].update(row["sources"])
    return [entry | {"sources": sorted(entry["sources"])} for _, entry in sorted(rounds.items())]


def _movement(graph: TalentGraph, family: set[str]) -> tuple[list, list, Counter, Counter]:
    """Dated arrivals and departures, and how many people came from and went to each organisation."""
    arrivals, departures = [], []
    came_from: Counter = Counter()
    went_to: Counter = Counter()
    for _, move in graph.nodes("Move"):
        if move.get("internal") or (move["to"] in family) == (move["from"] in family):
            continue
        if move["to"] in family:
            came_from[_root_name(graph, move["from"])] += 1
            if move.get("date"):
                arrivals.append(move)
        else:
            went_to[_root_name(graph, move["to"])] += 1
            if move.get("date"):
                departures.append(move)
    return arrivals, departures, came_from, went_to


def _root_name(graph: TalentGraph, org_id: str) -> str:
    return graph.name(graph.node(org_id)["lineage"][-1])


def _by_quarter(arrivals: list, departures: list) -> list[dict[str, Any]]:
    counts: dict[str, dict[str, int]] = {}
    for kind, moves in (("arrivals", arrivals), ("departures", departures)):
        for move in moves:
            quarter = metrics.quarter_of(earliest(move["date"]))
            counts.setdefault(quarter, {"arrivals": 0, "departures": 0})[kind] += 1
    if not counts:
        return []
    return [{"quarter": q} | counts.get(q, {"arrivals": 0, "departures": 0}) for q in metrics.quarters_between(min(counts), max(counts))]


def _cited(report: dict[str, Any]) -> list[str]:
    found: dict[str, None] = dict.fromkeys(report["sources"])
    for section in ("founders", "rounds", "deals", "people_now", "boomerangs"):
        for row in report[section]:
            found.update(dict.fromkeys(row.get("sources", [])))
    found.update(dict.fromkeys(report["retention"]["sources"]))
    return list(found)


def _charts(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The plotly figures (data and layout), only those with something to draw."""
    charts: dict[str, dict[str, Any]] = {}
    dated = [r for r in report["rounds"] if r["date"] and (r["amount"] is not None or r["valuation"] is not None)]
    if dated:
        labels = [_label(f"{r['round']} {r['date']}") for r in dated]
        x = labels  # one category per round, in date order: a date axis spreads a single round over hours
        charts["rounds"] = {
            "data": [
                {"type": "bar", "name": "amount raised", "x": x, "y": [r["amount"] for r in dated], "text": labels, "hoverinfo": "text+y"},
                {"type": "scatter", "mode": "markers+lines", "name": "valuation", "x": x, "y": [r["valuation"] for r in dated],
                 "yaxis": "y2", "text": labels, "hoverinfo": "text+y"},
            ],
            "layout": {"title": {"text": "Rounds: amount raised and valuation"}, "xaxis": {"type": "category"},
                       "yaxis": {"title": {"text": "raised"}, "rangemode": "tozero"},
                       "yaxis2": {"title": {"text": "valuation"}, "overlaying": "y", "side": "right", "rangemode": "tozero"},
                       "barmode": "group", "height": 360},
        }
    if report["quarters"]:
        quarters = [q["quarter"] for q in report["quarters"]]
        charts["movement"] = {
            "data": [
                {"type": "bar", "name": "arrivals", "x": quarters, "y": [q["arrivals"] for q in report["quarters"]]},
                {"type": "bar", "name": "departures", "x": quarters, "y": [-q["departures"] for q in report["quarters"]]},
            ],
            "layout": {"title": {"text": "People who arrived (up) and left (down), per quarter"}, "barmode": "relative", "height": 320},
        }
    if report["came_from"] or report["went_to"]:
        origins = [name for name, _ in report["came_from"]]
        destinations = [name for name, _ in report["went_to"]]
        labels = [_label(f"from {n}") for n in origins] + [_label(report["name"])] + [_label(f"to {n}") for n in destinations]
        middle = len(origins)
        charts["flow"] = {
            "data": [{
                "type": "sankey",
                "arrangement": "snap",
                "node": {"label": labels, "pad": 14, "thickness": 14},
                "link": {
                    "source": list(range(middle)) + [middle] * len(destinations),
                    "target": [middle] * middle + list(range(middle + 1, middle + 1 + len(destinations))),
                    "value": [n for _, n in report["came_from"]] + [n for _, n in report["went_to"]],
                },
            }],
            "layout": {"title": {"text": "Where its people came from and where they went (people in kg)"}, "height": 420},
        }
    if report["headcount"]:
        charts["headcount"] = {
            "data": [{"type": "scatter", "mode": "lines", "name": "headcount", "x": [r["quarter"] for r in report["headcount"]],
                      "y": [r["headcount"] for r in report["headcount"]], "line": {"shape": "hv"}}],
            "layout": {"title": {"text": "People in kg there, quarter by quarter (not the real headcount)"}, "height": 300},
        }
    return charts


# -- HTML ------------------------------------------------------------------------------------------


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _label(value: Any) -> str:
    """Text for a chart label: plotly reads a few tags in labels, so ``<`` ``>`` ``&`` are escaped
    (it decodes those three entities back, and only those)."""
    return html.escape("" if value is None else str(value), quote=False)


def _json(value: Any) -> str:
    """JSON for a script element: ``<`` written as an escape, so no text can close the script."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _money(amount: Any, currency: Any) -> str:
    return f"{amount:,} {currency or ''}".strip() if amount is not None else ""


def _facts(report: dict[str, Any], refs) -> str:
    items = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in report["facts"].items() if v)
    return f'<dl class="facts">{items}</dl><p class="refs">{refs(report["sources"])}</p>'


def _section(title: str, columns: list[str], rows: list[list[Any]]) -> str:
    """A table; the last cell of each row (its source links) is already HTML, every other is escaped."""
    if not rows:
        return f"<h2>{_e(title)}</h2><p class=\"none\">none in kg</p>"
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row[:-1]) + f"<td>{row[-1]}</td></tr>" for row in rows)
    return f"<h2>{_e(title)}</h2><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _chart(name: str, charts: dict[str, Any]) -> str:
    return f'<div class="chart" id="{name}"></div>' if name in charts else ""


def _metrics(report: dict[str, Any], refs) -> str:
    r = report["retention"]
    if r["joined"]:
        caution = f" ({_e(r['caution'])})" if r["caution"] else ""
        retention = (
            f"<p>Two-year retention: <b>{r['retention']}%</b> of the {r['joined']} people in kg who joined at least two "
            f"years ago{caution}; stayed: {_e(', '.join(r['people_stayed']) or 'nobody')}; "
            f"left: {_e(', '.join(r['people_left']) or 'nobody')} {refs(r['sources'])}</p>"
        )
    else:
        retention = "<p>Two-year retention: nobody in kg joined at least two years ago, so there is no figure yet.</p>"
    lines = ["<h2>Talent metrics</h2>", retention]
    lines.append(_section("Boomerangs: people who left and came back", ["person", "left", "returned", "away at", "sources"],
                          [[b["person"], b["left"], b["returned"], ", ".join(b["away_at"]), refs(b["sources"])] for b in report["boomerangs"]]))
    lines.append("<p class=\"note\">Every figure counts only the people kg holds, not the organisation's real staff.</p>")
    return "".join(lines)


def _sources(graph: TalentGraph, cited: list[str]) -> str:
    described = graph.describe_sources(cited)
    items = []
    for index, source in enumerate(cited, start=1):
        d = described.get(source, {})
        text = ", ".join(_e(d.get(k)) for k in ("publisher", "date", "title") if d.get(k))
        url = d.get("url")
        link = f' <a href="{_e(url)}" rel="noreferrer noopener">{_e(url)}</a>' if url and url.startswith(("http://", "https://")) else ""
        items.append(f'<li id="src-{index}"><code>{_e(source)}</code>: {text}{link}</li>')
    return f"<h2>Sources</h2><ol class=\"sources\">{''.join(items)}</ol>"


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<title>{title}</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }}
h1 {{ margin-bottom: 0.2em; }} h2 {{ margin-top: 1.6em; border-bottom: 1px solid #ddd; }}
table {{ border-collapse: collapse; width: 100%; font-size: 13px; }}
th, td {{ border-bottom: 1px solid #eee; padding: 3px 6px; text-align: left; vertical-align: top; }}
dl.facts {{ display: grid; grid-template-columns: max-content auto; gap: 2px 12px; }}
dt {{ color: #666; }} dd {{ margin: 0; }} .none, .note {{ color: #777; }} .refs a, td a {{ text-decoration: none; }}
ol.sources {{ font-size: 12px; color: #444; }} .chart {{ margin: 1em 0; }}
</style>
<script>{plotly}</script>
</head><body>
{body}
<script>{scripts}</script>
</body></html>
"""
