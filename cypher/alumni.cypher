// alumni: who studied at SCHOOL (its units included), optionally only those who also worked at ORG
// (worked_at names where, and their roles' sources join the study's), or leaving out those who
// worked at an organisation.
// Parameters: $org (the school's id), $also, $except (optional organisation ids).
// In the Neo4j Browser:
//   :param org => 'stanford-university';
//   :param also => 'openai';
//   :param except => null;
MATCH (school:Organization) WHERE $org IN school.lineage
MATCH (p:Person)-[s:STUDIED_AT]->(school)
WHERE $except IS NULL OR NOT EXISTS { MATCH (p)-[:WORKED_AT]->(x:Organization) WHERE $except IN x.lineage }
OPTIONAL MATCH (p)-[r:WORKED_AT]->(w:Organization) WHERE $also IS NOT NULL AND $also IN w.lineage
WITH p, s, school, collect(w.name) AS worked, collect(r) AS roles, collect(w.id) AS places
WHERE $also IS NULL OR size(worked) > 0
RETURN p.name AS person, school.name AS school, s.degree AS degree, s.field AS field, s.start AS start,
       s.end AS `end`, worked AS worked_at, s.sources + reduce(acc = [], r IN roles | acc + r.sources) AS sources,
       [p.id, school.id] + places AS _ids
ORDER BY replace(coalesce(start, '9999'), '~', ''), person, school
