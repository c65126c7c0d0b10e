"""The talent-flow matrix behind ``kg flows``: people moved between each ordered pair of organisations."""

from __future__ import annotations

from kg.backends import Backend
from kg.questions import run
from kg.result import Result


def flow_matrix(backend: Backend, orgs: list[str], top: int = 8) -> Result:
    """Counts of distinct people per (from, to) pair, units rolled up into their organisation.

    Without ``orgs``, the ``top`` organisations with the most people moving in and out.
    """
    if not orgs:
        busiest = run(backend, "top_flows", {"by": "org", "limit": 10_000}).rows
        busiest.sort(key=lambda row: (-(row["inflow"] + row["outflow"]), row["org"]))
        orgs = _without_units([row["org"] for row in busiest], backend)[:top]
    names = [backend.resolve(name, "Organization").name for name in orgs]
    ids = [backend.resolve(name, "Organization").id for name in orgs]
    counts: dict[tuple[int, int], int] = {}
    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            rows = run(backend, "flows", {"a": ids[i], "b": ids[j]}).rows
            counts[(i, j)] = len({r["person"] for r in rows if r["direction"] == "a_to_b"})
            counts[(j, i)] = len({r["person"] for r in rows if r["direction"] == "b_to_a"})
    rows = [
        {"from": names[i], **{names[j]: (counts.get((i, j)) if i != j else None) for j in range(len(ids))}}
        for i in range(len(ids))
    ]
    return Result(
        intent="flows",
        params={"orgs": ids},
        columns=["from", *names],
        rows=rows,
        title="people who moved from the row's organisation to the column's",
        notes=["units count with their parent organisation"],
    )


def _without_units(names: list[str], backend: Backend) -> list[str]:
    """Drop an organisation whose parent is also listed: the parent's counts already include it."""
    ids = {backend.resolve(name, "Organization").id: name for name in names}
    parents = backend.parents(list(ids))
    return [name for org_id, name in ids.items() if not (set(parents.get(org_id, [])) & set(ids))]
