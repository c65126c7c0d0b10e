// people_at: who worked at ORG (its units included), optionally only roles held in a time window,
// only people who also worked at another organisation, or leaving out those who worked at one.
// A role without an end is taken to run until the next role starts, unless it is current. The
// window compares each role's stored bounds (start_earliest, until_latest; none while open), and
// $also and $except look at the roles in the window only.
// Parameters: $org (id), $as_of, $since, $until (optional partial dates: 2020, 2020-06, 2020-06-30),
// $also, $except (optional organisation ids).
// In the Neo4j Browser:
//   :param org => 'google-deepmind'
//   :param as_of => '2023-06'
//   :param since => null
//   :param until => null
//   :param also => null
//   :param except => null
WITH coalesce($as_of, $since) AS since, coalesce($as_of, $until) AS until
OPTIONAL MATCH (a:Organization)-[:PART_OF*0..]->(:Organization {id: $org})
WITH since, until, collect(a.id) AS here
OPTIONAL MATCH (b:Organization)-[:PART_OF*0..]->(:Organization {id: $also})
WITH since, until, here, collect(b.id) AS there
OPTIONAL MATCH (c:Organization)-[:PART_OF*0..]->(:Organization {id: $except})
WITH since, until, here, there, collect(c.id) AS excluded
UNWIND here + there + excluded AS place
WITH DISTINCT place, since, until, here, there, excluded
MATCH (p:Person)-[r:WORKED_AT]->(unit:Organization {id: place})
WHERE (until IS NULL OR left(r.start_earliest, size(until)) <= until)
  AND (since IS NULL OR left(coalesce(r.until_latest, '9999-12-31'), size(since)) >= since)
WITH p, collect({r: r, unit: unit}) AS held, here, there, excluded
WHERE any(x IN held WHERE x.unit.id IN here)
  AND ($also IS NULL OR any(x IN held WHERE x.unit.id IN there))
  AND NOT any(x IN held WHERE x.unit.id IN excluded)
UNWIND [x IN held WHERE x.unit.id IN here + there] AS x
WITH p, x.r AS r, x.unit AS unit
RETURN p.name AS person, unit.name AS org, r.title AS title, r.kind AS kind, r.start AS start, r.until AS until,
       r.sources AS sources, [p.id, unit.id] AS _ids
ORDER BY replace(coalesce(start, '9999'), '~', ''), person, org
