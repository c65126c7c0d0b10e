"""Smoke test of the Neo4j test server: python tests/neo4j_server/smoke_test.py

Needs the official driver (pip install neo4j). Starts two servers through launcher.py and checks
what the kg project relies on. Prints each check and a closing 'N passed, N failed' line;
exit code 0 only if every check passed.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import launcher  # noqa: E402

import neo4j  # noqa: E402
from neo4j import GraphDatabase  # noqa: E402

logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # "label does not exist" noise

RESULTS: list[tuple[str, bool, str]] = []


def check(name):
    def deco(fn):
        t0 = time.monotonic()
        try:
            detail = fn() or ""
            ok = True
        except Exception as e:  # noqa: BLE001
            detail = f"{type(e).__module__}.{type(e).__name__}: {e}\n{traceback.format_exc()}"
            ok = False
        dt = time.monotonic() - t0
        RESULTS.append((name, ok, detail))
        print(f"[{'PASS' if ok else 'FAIL'}] {name} ({dt:.2f}s) {detail}", flush=True)
        return fn

    return deco


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mib(n):
    return f"{n / 2**20:.0f} MiB" if n else "?"


def main() -> int:
    ok, why = launcher.available()
    print(f"available: {ok} ({why})")
    if not ok:
        print("0 passed, 1 failed")
        return 1
    t0 = time.monotonic()
    launcher.build()
    print(f"build (or up-to-date check): {time.monotonic() - t0:.1f}s")

    root = tempfile.mkdtemp(prefix="kg-neo4j-smoke-")
    dir_a, dir_b = os.path.join(root, "a"), os.path.join(root, "b")
    servers = []
    try:
        a = launcher.start(dir_a, password="pw-a-123")
        servers.append(a)
        print(f"server A: {a.uri} ready in {a.start_seconds:.1f}s, RSS {mib(a.rss_bytes())}")
        drv = GraphDatabase.driver(a.uri, auth=a.auth)
        state = {}

        @check("RETURN 1")
        def _():
            recs, _, _ = drv.execute_query("RETURN 1 AS x")
            assert recs[0]["x"] == 1
            return "-> 1"

        @check("dbms.components() is 5.26.x")
        def _():
            recs, _, _ = drv.execute_query("CALL dbms.components() YIELD name, versions, edition")
            r = recs[0]
            assert r["versions"][0].startswith("5.26."), r
            return f"{r['name']} {r['versions']} {r['edition']}"

        @check("uniqueness constraint (Neo4j 5 syntax), idempotent")
        def _():
            q = "CREATE CONSTRAINT x IF NOT EXISTS FOR (n:L) REQUIRE n.id IS UNIQUE"
            drv.execute_query(q)
            drv.execute_query(q)
            recs, _, _ = drv.execute_query("SHOW CONSTRAINTS YIELD name, type RETURN name, type")
            assert any(r["name"] == "x" for r in recs), recs
            return str([(r["name"], r["type"]) for r in recs])

        @check("UNWIND $rows MERGE, twice, then read back")
        def _():
            rows = [{"id": i, "name": f"n{i}"} for i in range(100)]
            q = "UNWIND $rows AS r MERGE (n:L {id: r.id}) SET n.name = r.name"
            for _ in range(2):
                drv.execute_query(q, rows=rows)
            recs, _, _ = drv.execute_query(
                "MATCH (n:L) RETURN count(n) AS c, min(n.id) AS lo, max(n.id) AS hi"
            )
            r = recs[0]
            assert (r["c"], r["lo"], r["hi"]) == (100, 0, 99), r
            recs, _, _ = drv.execute_query("MATCH (n:L {id: 42}) RETURN n.name AS name")
            assert recs[0]["name"] == "n42"
            return "100 nodes, n42 found"

        @check("constraint rejects a duplicate")
        def _():
            try:
                drv.execute_query("CREATE (:L {id: 1})")
            except neo4j.exceptions.ConstraintError as e:
                return f"{type(e).__name__} {e.code}"
            raise AssertionError("duplicate accepted")

        def expect_read_refusal(fn):
            try:
                fn()
            except neo4j.exceptions.Neo4jError as e:
                state.setdefault("read_errors", []).append(e)
                return f"{type(e).__module__}.{type(e).__name__} code={e.code} message={e.message!r}"
            raise AssertionError("server accepted a write in a READ session")

        @check("write in session(default_access_mode=READ_ACCESS) is refused")
        def _():
            def go():
                with drv.session(default_access_mode=neo4j.READ_ACCESS) as s:
                    s.run("CREATE (:L {id: 1000})").consume()

            return expect_read_refusal(go)

        @check("write in execute_read is refused")
        def _():
            def go():
                with drv.session() as s:
                    s.execute_read(lambda tx: tx.run("MERGE (:L {id: 1001})").consume())

            return expect_read_refusal(go)

        @check("write in execute_query(routing_=READ) is refused")
        def _():
            return expect_read_refusal(
                lambda: drv.execute_query(
                    "CREATE (:L {id: 1002})", routing_=neo4j.RoutingControl.READ
                )
            )

        @check("nothing was written by the refused writes")
        def _():
            recs, _, _ = drv.execute_query("MATCH (n:L) WHERE n.id >= 1000 RETURN count(n) AS c")
            assert recs[0]["c"] == 0, recs
            return "0 nodes"

        @check("wrong password is rejected")
        def _():
            t = time.monotonic()
            bad = GraphDatabase.driver(a.uri, auth=("neo4j", "wrong-password"))
            try:
                bad.verify_connectivity()
            except neo4j.exceptions.Neo4jError as e:
                dt = time.monotonic() - t
                assert isinstance(e, neo4j.exceptions.AuthError), type(e)
                return f"{type(e).__module__}.{type(e).__name__} code={e.code} after {dt:.3f}s"
            finally:
                bad.close()
            raise AssertionError("wrong password accepted")

        @check("repeated wrong passwords do not lock out the right one")
        def _():
            out = []
            for _ in range(5):
                bad = GraphDatabase.driver(a.uri, auth=("neo4j", "wrong-password"))
                try:
                    bad.verify_connectivity()
                except neo4j.exceptions.Neo4jError as e:
                    out.append(e.code.split(".")[-1])
                finally:
                    bad.close()
            good = GraphDatabase.driver(a.uri, auth=a.auth)
            try:
                good.verify_connectivity()
            finally:
                good.close()
            return "wrong attempts gave " + ", ".join(out) + "; right password still accepted"

        @check("user neo4j needs no password change")
        def _():
            recs, _, _ = drv.execute_query(
                "SHOW USERS YIELD user, passwordChangeRequired", database_="system"
            )
            r = {x["user"]: x["passwordChangeRequired"] for x in recs}
            assert r.get("neo4j") is False, r
            return str(r)

        drv.close()

        @check("second server concurrently (explicit port, own data dir)")
        def _():
            port = free_port()
            b = launcher.start(dir_b, port=port, password="pw-b-456")
            servers.append(b)
            assert b.port == port and b.port != a.port
            with GraphDatabase.driver(b.uri, auth=b.auth) as d2, GraphDatabase.driver(
                a.uri, auth=a.auth
            ) as d1:
                nb = d2.execute_query("MATCH (n:L) RETURN count(n) AS c").records[0]["c"]
                na = d1.execute_query("MATCH (n:L) RETURN count(n) AS c").records[0]["c"]
            assert (na, nb) == (100, 0), (na, nb)
            return (
                f"B {b.uri} ready in {b.start_seconds:.1f}s; A has {na} nodes, B has {nb}; "
                f"RSS A {mib(a.rss_bytes())}, B {mib(b.rss_bytes())}"
            )

        @check("stop() ends the processes")
        def _():
            out = []
            for s in list(servers):
                t = time.monotonic()
                rc = s.stop()
                out.append(f"{s.uri}: rc={rc} in {time.monotonic() - t:.2f}s")
                assert not s.is_running()
                servers.remove(s)
            return "; ".join(out)

        @check("restart on the same data dir keeps data and password")
        def _():
            a2 = launcher.start(dir_a, password="pw-a-123")
            servers.append(a2)
            with GraphDatabase.driver(a2.uri, auth=a2.auth) as d:
                c = d.execute_query("MATCH (n:L) RETURN count(n) AS c").records[0]["c"]
            assert c == 100, c
            a2.stop()
            servers.remove(a2)
            return f"ready in {a2.start_seconds:.1f}s, 100 nodes"

        @check("restart with another password: new accepted, old rejected")
        def _():
            a3 = launcher.start(dir_a, password="pw-a-new")
            servers.append(a3)
            with GraphDatabase.driver(a3.uri, auth=a3.auth) as d:
                d.verify_connectivity()
            with GraphDatabase.driver(a3.uri, auth=("neo4j", "pw-a-123")) as d:
                try:
                    d.verify_connectivity()
                    raise AssertionError("old password accepted")
                except neo4j.exceptions.AuthError:
                    pass
            a3.stop()
            servers.remove(a3)
            return "ok"

        @check("start failure raises StartError with the server output")
        def _():
            with socket.socket() as blocker:
                blocker.bind(("127.0.0.1", 0))
                blocker.listen()
                port = blocker.getsockname()[1]
                try:
                    s = launcher.start(os.path.join(root, "c"), port=port, timeout=60)
                    servers.append(s)
                except launcher.StartError as e:
                    first = [ln for ln in str(e).splitlines() if "FAILED" in ln or "Address" in ln]
                    return "StartError: " + (first[0][:160] if first else str(e)[:160])
            raise AssertionError("started on a port that is in use")

    finally:
        for s in servers:
            s.stop()
        shutil.rmtree(root, ignore_errors=True)

    passed = sum(ok for _, ok, _ in RESULTS)
    failed = len(RESULTS) - passed
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
