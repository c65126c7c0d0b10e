// role: a person's role(s), optionally only at ORG (its units included) or in a time window: title,
// kind, dates; end is 'present' while the role lasts, and claims keeps every figure the sources
// disagree on. The window compares each role's stored bounds, as people_at does.
// Parameters: $person (id), $org (optional id), $as_of, $since, $until (optional partial dates).
// In the Neo4j Browser:
//   :param person => 'mira-murati'
//   :param org => null
//   :param as_of => null
//   :param since => null
//   :param until => null
WITH coalesce($as_of, $since) AS since, coalesce($as_of, $until) AS until
OPTIONAL MATCH (unit:Organization)-[:PART_OF*0..]->(:Organization {id: $org})
WITH since, until, collect(unit.id) AS places
MATCH (p:Person {id: $person})-[r:WORKED_AT]->(o:Organization)
WHERE ($org IS NULL OR o.id IN places)
  AND (until IS NULL OR left(r.start_earliest, size(until)) <= until)
  AND (since IS NULL OR left(coalesce(r.until_latest, '9999-12-31'), size(since)) >= since)
RETURN p.name AS person, o.name AS org, r.title AS title, r.kind AS kind, r.start AS start,
       CASE WHEN r.current THEN 'present' ELSE r.end END AS `end`, coalesce(r.claims, []) AS claims,
       r.sources AS sources, r.order AS `order`, [p.id, o.id] AS _ids
ORDER BY replace(coalesce(start, '9999'), '~', ''), `order`
