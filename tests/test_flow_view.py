"""The flow picture in Chromium: no label overlaps another, arrows curve apart with their counts."""

from __future__ import annotations

import itertools

import pytest

from kg import render
from tests.conftest import load_in_browser

LABS = ["OpenAI", "Anthropic", "Google", "Meta", "xAI", "Thinking Machines Lab", "Safe Superintelligence", "Microsoft", "Apple"]


@pytest.mark.browser
@pytest.mark.parametrize("orgs", [LABS, None], ids=["labs", "busiest"])
def test_flow_labels_never_overlap_and_every_arrow_shows_its_count(chromium, shipped_graph, tmp_path, orgs):
    view = render.flows_view(shipped_graph, orgs)
    page = render.write_html(view, tmp_path / "flows.html")
    seen = load_in_browser(chromium, page)
    assert seen["requests"] == [page.resolve().as_uri()]
    boxes = chromium.execute_script(
        "return Object.fromEntries(network.body.nodeIndices.map(id => [id, network.getBoundingBox(id)]));"
    )
    assert len(boxes) == len(view.nodes)
    overlapping = [
        (a, b) for (a, box_a), (b, box_b) in itertools.combinations(sorted(boxes.items()), 2)
        if box_a["left"] < box_b["right"] and box_b["left"] < box_a["right"]
        and box_a["top"] < box_b["bottom"] and box_b["top"] < box_a["bottom"]
    ]
    assert overlapping == []
    edges = chromium.execute_script(
        "return network.body.edgeIndices.map(id => { const e = network.body.edges[id];"
        " return [e.fromId, e.toId, e.options.label, e.options.smooth.type, e.options.arrows.to.enabled]; });"
    )
    assert sorted(map(tuple, edges)) == sorted((e.source, e.target, e.label, "curvedCW", True) for e in view.edges)
    assert all(label.isdigit() and int(label) > 0 for _, _, label, _, _ in edges)
