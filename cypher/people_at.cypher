// people_at: who worked at ORG (its units included), optionally only roles held in a time window,
// only people who also worked at another organisation, or leaving out those who worked at one.
// A role without an end is taken to run until the next role starts, unless it is current. The
// window compares each role's stored bounds (start_low, until_high; none while open), and $also
// and $except look at the roles in the window only.
// Parameters: $org (id), $as_of, $since, $until (optional partial dates: 2020, 2020-06, 2020-06-30)
// with their comparable bounds ($as_of_low, $as_of_high, $since_low, $until_high; kg passes them),
// $also, $except (optional organisation ids).
// In the Neo4j Browser:
//   :param org => 'google-deepmind';
//   :param as_of => '2023-06';
//   :param as_of_low => '2023-06-01';
//   :param as_of_high => '2023-06-31';
//   :param since => null;
//   :param since_low => null;
//   :param until => null;
//   :param until_high => null;
//   :param also => null;
//   :param except => null;
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
WITH gen, coalesce($as_of_low, $since_low) AS since, coalesce($as_of_high, $until_high) AS until
MATCH (unit:Organization {gen: gen})
WHERE $org IN unit.lineage OR $also IN unit.lineage OR $except IN unit.lineage
MATCH (p:Person {gen: gen})-[r:WORKED_AT]->(unit)
WHERE (until IS NULL OR r.start_low <= until) AND (since IS NULL OR r.until_high IS NULL OR r.until_high >= since)
WITH p, collect({r: r, unit: unit}) AS held
WHERE any(x IN held WHERE $org IN x.unit.lineage)
  AND ($also IS NULL OR any(x IN held WHERE $also IN x.unit.lineage))
  AND ($except IS NULL OR NOT any(x IN held WHERE $except IN x.unit.lineage))
UNWIND [x IN held WHERE $org IN x.unit.lineage OR $also IN x.unit.lineage] AS x
WITH p, x.r AS r, x.unit AS unit
RETURN p.name AS person, unit.name AS org, r.title AS title, r.kind AS kind, r.start AS start, r.until AS until,
       r.sources AS sources, [p.id, unit.id] AS _ids
ORDER BY replace(coalesce(start, '9999'), '~', ''), person, org
