// flow_ratio: people who moved from A to B over the people who moved from B to A, with both lists
// (units count with their organisation; transfers inside one corporate family are no move).
// Parameters: $a, $b (name, alias or id). kg ratio A B prints the same figures.
// In the Neo4j Browser:
//   :param a => 'OpenAI';
//   :param b => 'Anthropic';
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (a:Organization {gen: gen}) WHERE a.id = $a OR a.name = $a OR $a IN coalesce(a.aliases, [])
MATCH (b:Organization {gen: gen}) WHERE b.id = $b OR b.name = $b OR $b IN coalesce(b.aliases, [])
OPTIONAL MATCH (p:Person {gen: gen})-[:MADE]->(m:Move)-[:FROM]->(f:Organization), (m)-[:TO]->(t:Organization)
WHERE NOT m.internal AND a.id IN f.lineage AND b.id IN t.lineage
WITH gen, a, b, collect(DISTINCT p) AS forward
OPTIONAL MATCH (p:Person {gen: gen})-[:MADE]->(m:Move)-[:FROM]->(f:Organization), (m)-[:TO]->(t:Organization)
WHERE NOT m.internal AND b.id IN f.lineage AND a.id IN t.lineage
WITH a, b, forward, collect(DISTINCT p) AS backward
RETURN a.name AS a, b.name AS b, size(forward) AS a_to_b, size(backward) AS b_to_a,
       CASE WHEN size(backward) = 0 THEN null ELSE round(toFloat(size(forward)) / size(backward), 2) END AS ratio,
       [x IN forward | x.name] AS people_a_to_b, [x IN backward | x.name] AS people_b_to_a
