// role: a person's role(s), optionally only at ORG (its units included) or in a time window: title,
// kind, dates; end is 'present' while the role lasts, and claims keeps every figure the sources
// disagree on. The window compares each role's stored bounds, as people_at does.
// Parameters: $person (id), $org (optional id), $as_of, $since, $until (optional partial dates)
// with their comparable bounds ($as_of_low, $as_of_high, $since_low, $until_high; kg passes them).
// In the Neo4j Browser:
//   :param person => 'mira-murati';
//   :param org => null;
//   :param as_of => null;
//   :param as_of_low => null;
//   :param as_of_high => null;
//   :param since => null;
//   :param since_low => null;
//   :param until => null;
//   :param until_high => null;
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
WITH gen, coalesce($as_of_low, $since_low) AS since, coalesce($as_of_high, $until_high) AS until
MATCH (p:Person {id: $person, gen: gen})-[r:WORKED_AT]->(o:Organization)
WHERE ($org IS NULL OR $org IN o.lineage)
  AND (until IS NULL OR r.start_low <= until) AND (since IS NULL OR r.until_high IS NULL OR r.until_high >= since)
RETURN p.name AS person, o.name AS org, r.title AS title, r.kind AS kind, r.start AS start,
       CASE WHEN r.current THEN 'present' ELSE r.end END AS `end`, coalesce(r.claims, []) AS claims,
       r.sources AS sources, r.order AS `order`, [p.id, o.id] AS _ids
ORDER BY replace(coalesce(start, '9999'), '~', ''), `order`
