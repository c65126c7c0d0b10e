// flows: people who moved between A and B (units included), in both directions; internal transfers
// (inside one corporate family) are no flow.
// kg adds the balance: how many went each way, and the net towards B.
// Parameters: $a, $b (names, aliases or ids).
// In the Neo4j Browser:
//   :param a => 'OpenAI';
//   :param b => 'Anthropic';
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (a:Organization {gen: gen}) WHERE a.id = $a OR a.name = $a OR $a IN coalesce(a.aliases, [])
MATCH (b:Organization {gen: gen}) WHERE b.id = $b OR b.name = $b OR $b IN coalesce(b.aliases, [])
MATCH (x:Organization {gen: gen}) WHERE a.id IN x.lineage OR b.id IN x.lineage
MATCH (p:Person {gen: gen})-[:MADE]->(m:Move)-[:FROM]->(x), (m)-[:TO]->(y:Organization)
WHERE NOT m.internal AND ((a.id IN x.lineage AND b.id IN y.lineage) OR (b.id IN x.lineage AND a.id IN y.lineage))
RETURN CASE WHEN a.id IN x.lineage AND b.id IN y.lineage THEN 'a_to_b' ELSE 'b_to_a' END AS direction,
       p.name AS person, x.name AS `from`, y.name AS `to`, m.date AS date, m.deal AS via_deal, m.sources AS sources,
       [p.id, x.id, y.id] AS _ids
ORDER BY direction, replace(coalesce(date, '9999'), '~', ''), person
