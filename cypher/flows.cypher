// flows: people who moved between A and B (units included), in both directions.
// kg adds the balance: how many went each way, and the net towards B.
// Parameters: $a, $b (names, aliases or ids).
// In the Neo4j Browser:
//   :param a => 'OpenAI';
//   :param b => 'Anthropic';
MATCH (a:Organization) WHERE a.id = $a OR a.name = $a OR $a IN coalesce(a.aliases, [])
MATCH (b:Organization) WHERE b.id = $b OR b.name = $b OR $b IN coalesce(b.aliases, [])
MATCH (ua:Organization)-[:PART_OF*0..]->(a)
WITH b, collect(DISTINCT ua.id) AS side_a
MATCH (ub:Organization)-[:PART_OF*0..]->(b)
WITH side_a, collect(DISTINCT ub.id) AS side_b
MATCH (p:Person)-[:MADE]->(m:Move)-[:FROM]->(x:Organization), (m)-[:TO]->(y:Organization)
WHERE (x.id IN side_a AND y.id IN side_b) OR (x.id IN side_b AND y.id IN side_a)
RETURN CASE WHEN x.id IN side_a AND y.id IN side_b THEN 'a_to_b' ELSE 'b_to_a' END AS direction,
       p.name AS person, x.name AS `from`, y.name AS `to`, m.date AS date, m.deal AS via_deal, m.sources AS sources,
       [p.id, x.id, y.id] AS _ids
ORDER BY direction, replace(coalesce(date, '9999'), '~', ''), person
