// founders: who founded ORG, and where each came from (the organisation they left to join it).
// Parameters: $org (name, alias or id).
// In the Neo4j Browser:
//   :param org => 'Thinking Machines Lab';
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (o:Organization {gen: gen}) WHERE o.id = $org OR o.name = $org OR $org IN coalesce(o.aliases, [])
MATCH (p:Person {gen: gen})-[f:FOUNDED]->(o)
OPTIONAL MATCH (p)-[:MADE]->(m:Move)-[:TO]->(o)
WITH o, p, f, m
ORDER BY coalesce(m.date_low, '9999'), m.id
WITH o, p, f, collect(m)[0] AS came
OPTIONAL MATCH (came)-[:FROM]->(previous:Organization)
RETURN p.name AS founder, f.title AS title, f.date AS date, previous.name AS came_from, came.left AS left,
       coalesce(f.sources, []) + coalesce(came.sources, []) AS sources,
       [p.id, o.id] + CASE WHEN previous IS NULL THEN [] ELSE [previous.id] END AS _ids
ORDER BY replace(coalesce(date, '9999'), '~', ''), founder
