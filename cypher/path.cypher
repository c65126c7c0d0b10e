// path: how two people or organisations connect, through jobs, foundings, schooling, doctoral
// advisors, units, funding rounds and deals, in at most $max_hops steps (10 at most). Of all the
// shortest paths it takes the one whose node ids sort first, so that both backends pick the same:
// from a, each step goes to the neighbour with the smallest id that is still as near b as a
// shortest path needs (one shortestPath per candidate, never every shortest path: between two
// hubs there are millions). kg then explains each hop in words, from every relationship that joins
// its two ends.
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
// no predicate on the search itself: one would make Neo4j try every path instead of searching
MATCH first = shortestPath((a)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF*..10]-(b))
WITH a, b, length(first) AS d WHERE d <= coalesce($max_hops, 6)
WITH b, d, [a] AS walk
CALL (b, d, walk) {
  WITH b, d, walk, last(walk) AS here WHERE size(walk) < d
  MATCH (here)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF]-(n) WHERE n <> b
  WITH DISTINCT b, d, walk, n ORDER BY n.id
  MATCH rest = shortestPath((n)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF*..10]-(b))
  WITH walk, n, d, length(rest) AS left WHERE left = d - size(walk)
  RETURN walk + n AS next LIMIT 1
  UNION
  WITH walk, d WHERE size(walk) >= d RETURN walk AS next
}
WITH b, d, next AS walk
CALL (b, d, walk) {
  WITH b, d, walk, last(walk) AS here WHERE size(walk) < d
  MATCH (here)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF]-(n) WHERE n <> b
  WITH DISTINCT b, d, walk, n ORDER BY n.id
  MATCH rest = shortestPath((n)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF*..10]-(b))
  WITH walk, n, d, length(rest) AS left WHERE left = d - size(walk)
  RETURN walk + n AS next LIMIT 1
  UNION
  WITH walk, d WHERE size(walk) >= d RETURN walk AS next
}
WITH b, d, next AS walk
CALL (b, d, walk) {
  WITH b, d, walk, last(walk) AS here WHERE size(walk) < d
  MATCH (here)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF]-(n) WHERE n <> b
  WITH DISTINCT b, d, walk, n ORDER BY n.id
  MATCH rest = shortestPath((n)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF*..10]-(b))
  WITH walk, n, d, length(rest) AS left WHERE left = d - size(walk)
  RETURN walk + n AS next LIMIT 1
  UNION
  WITH walk, d WHERE size(walk) >= d RETURN walk AS next
}
WITH b, d, next AS walk
CALL (b, d, walk) {
  WITH b, d, walk, last(walk) AS here WHERE size(walk) < d
  MATCH (here)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF]-(n) WHERE n <> b
  WITH DISTINCT b, d, walk, n ORDER BY n.id
  MATCH rest = shortestPath((n)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF*..10]-(b))
  WITH walk, n, d, length(rest) AS left WHERE left = d - size(walk)
  RETURN walk + n AS next LIMIT 1
  UNION
  WITH walk, d WHERE size(walk) >= d RETURN walk AS next
}
WITH b, d, next AS walk
CALL (b, d, walk) {
  WITH b, d, walk, last(walk) AS here WHERE size(walk) < d
  MATCH (here)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF]-(n) WHERE n <> b
  WITH DISTINCT b, d, walk, n ORDER BY n.id
  MATCH rest = shortestPath((n)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF*..10]-(b))
  WITH walk, n, d, length(rest) AS left WHERE left = d - size(walk)
  RETURN walk + n AS next LIMIT 1
  UNION
  WITH walk, d WHERE size(walk) >= d RETURN walk AS next
}
WITH b, d, next AS walk
CALL (b, d, walk) {
  WITH b, d, walk, last(walk) AS here WHERE size(walk) < d
  MATCH (here)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF]-(n) WHERE n <> b
  WITH DISTINCT b, d, walk, n ORDER BY n.id
  MATCH rest = shortestPath((n)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF*..10]-(b))
  WITH walk, n, d, length(rest) AS left WHERE left = d - size(walk)
  RETURN walk + n AS next LIMIT 1
  UNION
  WITH walk, d WHERE size(walk) >= d RETURN walk AS next
}
WITH b, d, next AS walk
CALL (b, d, walk) {
  WITH b, d, walk, last(walk) AS here WHERE size(walk) < d
  MATCH (here)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF]-(n) WHERE n <> b
  WITH DISTINCT b, d, walk, n ORDER BY n.id
  MATCH rest = shortestPath((n)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF*..10]-(b))
  WITH walk, n, d, length(rest) AS left WHERE left = d - size(walk)
  RETURN walk + n AS next LIMIT 1
  UNION
  WITH walk, d WHERE size(walk) >= d RETURN walk AS next
}
WITH b, d, next AS walk
CALL (b, d, walk) {
  WITH b, d, walk, last(walk) AS here WHERE size(walk) < d
  MATCH (here)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF]-(n) WHERE n <> b
  WITH DISTINCT b, d, walk, n ORDER BY n.id
  MATCH rest = shortestPath((n)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF*..10]-(b))
  WITH walk, n, d, length(rest) AS left WHERE left = d - size(walk)
  RETURN walk + n AS next LIMIT 1
  UNION
  WITH walk, d WHERE size(walk) >= d RETURN walk AS next
}
WITH b, d, next AS walk
CALL (b, d, walk) {
  WITH b, d, walk, last(walk) AS here WHERE size(walk) < d
  MATCH (here)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF]-(n) WHERE n <> b
  WITH DISTINCT b, d, walk, n ORDER BY n.id
  MATCH rest = shortestPath((n)-[:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF*..10]-(b))
  WITH walk, n, d, length(rest) AS left WHERE left = d - size(walk)
  RETURN walk + n AS next LIMIT 1
  UNION
  WITH walk, d WHERE size(walk) >= d RETURN walk AS next
}
WITH b, d, next AS walk
WITH walk + b AS walk
UNWIND range(0, size(walk) - 2) AS step
WITH walk, walk[step] AS x, walk[step + 1] AS y
MATCH (x)-[r:FOUNDED|WORKED_AT|STUDIED_AT|STUDIED_UNDER|INVESTED_IN|RAISED|ACQUIRER_IN|TARGET|PART_OF]-(y)
WITH walk, collect({type: type(r), from: startNode(r).id, to: endNode(r).id, props: properties(r)}) AS rels
RETURN [n IN walk | {id: n.id, name: n.name,
          label: CASE WHEN n:Person THEN 'Person' WHEN n:Organization THEN 'Organization'
                      WHEN n:FundingRound THEN 'FundingRound' ELSE 'Deal' END}] AS nodes,
       rels
