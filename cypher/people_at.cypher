// people_at: who worked at ORG (its units included), optionally only roles held at a date.
// A role without an end is taken to run until the next role starts, unless it is current.
// Parameters: $org (name, alias or id), $as_of (optional partial date: 2020, 2020-06, 2020-06-30)
// with its first and last day as kg compares dates ($as_of_low, $as_of_high; kg passes them).
// In the Neo4j Browser:
//   :param org => 'Google DeepMind'
//   :param as_of => '2023-06'
//   :param as_of_low => '2023-06-01'
//   :param as_of_high => '2023-06-31'
MATCH (o:Organization) WHERE o.id = $org OR o.name = $org OR $org IN coalesce(o.aliases, [])
MATCH (unit:Organization) WHERE o.id IN unit.lineage
MATCH (p:Person)-[r:WORKED_AT]->(unit)
WHERE $as_of IS NULL OR (r.start_low <= $as_of_high AND (r.until_high IS NULL OR r.until_high >= $as_of_low))
RETURN p.name AS person, unit.name AS org, r.title AS title, r.kind AS kind, r.start AS start, r.until AS until,
       r.sources AS sources, [p.id, unit.id] AS _ids
ORDER BY replace(coalesce(start, '9999'), '~', ''), person, org
