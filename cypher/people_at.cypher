// people_at: who worked at ORG (its units included), optionally only roles held at a date.
// A role without an end is taken to run until the next role starts, unless it is current.
// Parameters: $org (name, alias or id), $as_of (optional partial date: 2020, 2020-06, 2020-06-30).
// In the Neo4j Browser:
//   :param org => 'Google DeepMind';
//   :param as_of => '2023-06';
MATCH (o:Organization) WHERE o.id = $org OR o.name = $org OR $org IN coalesce(o.aliases, [])
MATCH (unit:Organization)-[:PART_OF*0..]->(o)
WITH DISTINCT unit
MATCH (p:Person)-[r:WORKED_AT]->(unit)
WHERE $as_of IS NULL OR (
  r.start IS NOT NULL
  AND CASE size(replace(r.start, '~', '')) WHEN 4 THEN replace(r.start, '~', '') + '-01-01'
                                           WHEN 7 THEN replace(r.start, '~', '') + '-01'
                                           ELSE replace(r.start, '~', '') END
      <= CASE size(replace($as_of, '~', '')) WHEN 4 THEN replace($as_of, '~', '') + '-12-31'
                                             WHEN 7 THEN replace($as_of, '~', '') + '-31'
                                             ELSE replace($as_of, '~', '') END
  AND (r.until IS NULL
       OR CASE size(replace(r.until, '~', '')) WHEN 4 THEN replace(r.until, '~', '') + '-12-31'
                                               WHEN 7 THEN replace(r.until, '~', '') + '-31'
                                               ELSE replace(r.until, '~', '') END
          >= CASE size(replace($as_of, '~', '')) WHEN 4 THEN replace($as_of, '~', '') + '-01-01'
                                                 WHEN 7 THEN replace($as_of, '~', '') + '-01'
                                                 ELSE replace($as_of, '~', '') END))
RETURN p.name AS person, unit.name AS org, r.title AS title, r.kind AS kind, r.start AS start, r.until AS until,
       r.sources AS sources, [p.id, unit.id] AS _ids
ORDER BY replace(coalesce(start, '9999'), '~', ''), person, org
