// path: how two people or organisations connect, through jobs, foundings, schooling, doctoral
// advisors, units, funding rounds and deals, in at most $max_hops steps (10 at most). Of all the
// shortest paths it takes the one whose node ids sort first, so that both backends pick the same;
// kg then explains each hop in words, from every relationship that joins its two ends. The search
// carries no predicate: one would make Neo4j try every path rather than search breadth-first.
// Parameters: $a, $b (names, aliases or ids), $max_hops.
// In the Neo4j Browser:
//   :param a => 'Lilian Weng';
//   :param b => 'Alexandr Wang';
//   :param max_hops => 6;
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (a {gen: gen}) WHERE (a:Person OR a:Organization) AND (a.id = $a OR a.name = $a OR $a IN coalesce(a.aliases, []))
MATCH (b {gen: gen}) WHERE (b:Person OR b:Organization) AND (b.id = $b OR b.name = $b OR $b IN coalesce(b.aliases, []))
WITH a, b WHERE a <> b
MATCH route = allShortestPaths((a)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF*..10]-(b))
WITH route WHERE length(route) <= coalesce($max_hops, 6)
WITH route ORDER BY [n IN nodes(route) | n.id] LIMIT 1
UNWIND range(0, length(route) - 1) AS step
WITH route, nodes(route)[step] AS x, nodes(route)[step + 1] AS y
MATCH (x)-[r:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF]-(y)
WITH route, collect({type: type(r), from: startNode(r).id, to: endNode(r).id, props: properties(r)}) AS rels
RETURN [n IN nodes(route) | {id: n.id, name: n.name,
          label: CASE WHEN n:Person THEN 'Person' WHEN n:Organization THEN 'Organization'
                      WHEN n:FundingRound THEN 'FundingRound' ELSE 'Deal' END}] AS nodes,
       rels
