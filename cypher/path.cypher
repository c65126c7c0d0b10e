// path: how two people or organisations connect, through jobs, foundings, schooling, doctoral
// advisors, units, funding rounds and deals, in at most $max_hops steps (10 at most). Of all the
// shortest paths it takes the one whose node ids sort first: from the start, each step goes to the
// neighbour with the smallest id that is one step nearer the end (the embedded backend walks the
// same way, so both answer with the same path). kg then explains each hop in words.
// Parameters: $a, $b (names, aliases or ids), $max_hops.
// In the Neo4j Browser:
//   :param a => 'Lilian Weng';
//   :param b => 'Alexandr Wang';
//   :param max_hops => 6;
MATCH (a) WHERE (a:Person OR a:Organization) AND (a.id = $a OR a.name = $a OR $a IN coalesce(a.aliases, []))
MATCH (b) WHERE (b:Person OR b:Organization) AND (b.id = $b OR b.name = $b OR $b IN coalesce(b.aliases, []))
MATCH shortest = shortestPath((a)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET*..10]-(b))
WITH a, b, length(shortest) AS hops, a AS s0
WHERE a <> b AND hops <= coalesce($max_hops, 6)
// step 1: stay once the end is reached, else take the smallest-id neighbour one step nearer it
CALL (b, hops, s0) {
  WITH b, hops, s0 WHERE hops < 1
  RETURN s0 AS s1
  UNION
  WITH b, hops, s0 WHERE hops >= 1
  MATCH (s0)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET]-(n)
  WITH DISTINCT b, hops, n ORDER BY n.id
  CALL (n, b, hops) {
    WITH n, b, hops WHERE n = b
    RETURN CASE WHEN hops = 1 THEN 0 ELSE -1 END AS left_to_go
    UNION
    WITH n, b WHERE n <> b
    MATCH near = shortestPath((n)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET*..10]-(b))
    RETURN length(near) AS left_to_go
  }
  WITH n, left_to_go WHERE left_to_go = hops - 1
  RETURN n AS s1 LIMIT 1
}
WITH a, b, hops, s0, s1
// step 2: stay once the end is reached, else take the smallest-id neighbour one step nearer it
CALL (b, hops, s1) {
  WITH b, hops, s1 WHERE hops < 2
  RETURN s1 AS s2
  UNION
  WITH b, hops, s1 WHERE hops >= 2
  MATCH (s1)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET]-(n)
  WITH DISTINCT b, hops, n ORDER BY n.id
  CALL (n, b, hops) {
    WITH n, b, hops WHERE n = b
    RETURN CASE WHEN hops = 2 THEN 0 ELSE -1 END AS left_to_go
    UNION
    WITH n, b WHERE n <> b
    MATCH near = shortestPath((n)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET*..10]-(b))
    RETURN length(near) AS left_to_go
  }
  WITH n, left_to_go WHERE left_to_go = hops - 2
  RETURN n AS s2 LIMIT 1
}
WITH a, b, hops, s0, s1, s2
// step 3: stay once the end is reached, else take the smallest-id neighbour one step nearer it
CALL (b, hops, s2) {
  WITH b, hops, s2 WHERE hops < 3
  RETURN s2 AS s3
  UNION
  WITH b, hops, s2 WHERE hops >= 3
  MATCH (s2)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET]-(n)
  WITH DISTINCT b, hops, n ORDER BY n.id
  CALL (n, b, hops) {
    WITH n, b, hops WHERE n = b
    RETURN CASE WHEN hops = 3 THEN 0 ELSE -1 END AS left_to_go
    UNION
    WITH n, b WHERE n <> b
    MATCH near = shortestPath((n)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET*..10]-(b))
    RETURN length(near) AS left_to_go
  }
  WITH n, left_to_go WHERE left_to_go = hops - 3
  RETURN n AS s3 LIMIT 1
}
WITH a, b, hops, s0, s1, s2, s3
// step 4: stay once the end is reached, else take the smallest-id neighbour one step nearer it
CALL (b, hops, s3) {
  WITH b, hops, s3 WHERE hops < 4
  RETURN s3 AS s4
  UNION
  WITH b, hops, s3 WHERE hops >= 4
  MATCH (s3)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET]-(n)
  WITH DISTINCT b, hops, n ORDER BY n.id
  CALL (n, b, hops) {
    WITH n, b, hops WHERE n = b
    RETURN CASE WHEN hops = 4 THEN 0 ELSE -1 END AS left_to_go
    UNION
    WITH n, b WHERE n <> b
    MATCH near = shortestPath((n)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET*..10]-(b))
    RETURN length(near) AS left_to_go
  }
  WITH n, left_to_go WHERE left_to_go = hops - 4
  RETURN n AS s4 LIMIT 1
}
WITH a, b, hops, s0, s1, s2, s3, s4
// step 5: stay once the end is reached, else take the smallest-id neighbour one step nearer it
CALL (b, hops, s4) {
  WITH b, hops, s4 WHERE hops < 5
  RETURN s4 AS s5
  UNION
  WITH b, hops, s4 WHERE hops >= 5
  MATCH (s4)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET]-(n)
  WITH DISTINCT b, hops, n ORDER BY n.id
  CALL (n, b, hops) {
    WITH n, b, hops WHERE n = b
    RETURN CASE WHEN hops = 5 THEN 0 ELSE -1 END AS left_to_go
    UNION
    WITH n, b WHERE n <> b
    MATCH near = shortestPath((n)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET*..10]-(b))
    RETURN length(near) AS left_to_go
  }
  WITH n, left_to_go WHERE left_to_go = hops - 5
  RETURN n AS s5 LIMIT 1
}
WITH a, b, hops, s0, s1, s2, s3, s4, s5
// step 6: stay once the end is reached, else take the smallest-id neighbour one step nearer it
CALL (b, hops, s5) {
  WITH b, hops, s5 WHERE hops < 6
  RETURN s5 AS s6
  UNION
  WITH b, hops, s5 WHERE hops >= 6
  MATCH (s5)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET]-(n)
  WITH DISTINCT b, hops, n ORDER BY n.id
  CALL (n, b, hops) {
    WITH n, b, hops WHERE n = b
    RETURN CASE WHEN hops = 6 THEN 0 ELSE -1 END AS left_to_go
    UNION
    WITH n, b WHERE n <> b
    MATCH near = shortestPath((n)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET*..10]-(b))
    RETURN length(near) AS left_to_go
  }
  WITH n, left_to_go WHERE left_to_go = hops - 6
  RETURN n AS s6 LIMIT 1
}
WITH a, b, hops, s0, s1, s2, s3, s4, s5, s6
// step 7: stay once the end is reached, else take the smallest-id neighbour one step nearer it
CALL (b, hops, s6) {
  WITH b, hops, s6 WHERE hops < 7
  RETURN s6 AS s7
  UNION
  WITH b, hops, s6 WHERE hops >= 7
  MATCH (s6)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET]-(n)
  WITH DISTINCT b, hops, n ORDER BY n.id
  CALL (n, b, hops) {
    WITH n, b, hops WHERE n = b
    RETURN CASE WHEN hops = 7 THEN 0 ELSE -1 END AS left_to_go
    UNION
    WITH n, b WHERE n <> b
    MATCH near = shortestPath((n)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET*..10]-(b))
    RETURN length(near) AS left_to_go
  }
  WITH n, left_to_go WHERE left_to_go = hops - 7
  RETURN n AS s7 LIMIT 1
}
WITH a, b, hops, s0, s1, s2, s3, s4, s5, s6, s7
// step 8: stay once the end is reached, else take the smallest-id neighbour one step nearer it
CALL (b, hops, s7) {
  WITH b, hops, s7 WHERE hops < 8
  RETURN s7 AS s8
  UNION
  WITH b, hops, s7 WHERE hops >= 8
  MATCH (s7)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET]-(n)
  WITH DISTINCT b, hops, n ORDER BY n.id
  CALL (n, b, hops) {
    WITH n, b, hops WHERE n = b
    RETURN CASE WHEN hops = 8 THEN 0 ELSE -1 END AS left_to_go
    UNION
    WITH n, b WHERE n <> b
    MATCH near = shortestPath((n)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET*..10]-(b))
    RETURN length(near) AS left_to_go
  }
  WITH n, left_to_go WHERE left_to_go = hops - 8
  RETURN n AS s8 LIMIT 1
}
WITH a, b, hops, s0, s1, s2, s3, s4, s5, s6, s7, s8
// step 9: stay once the end is reached, else take the smallest-id neighbour one step nearer it
CALL (b, hops, s8) {
  WITH b, hops, s8 WHERE hops < 9
  RETURN s8 AS s9
  UNION
  WITH b, hops, s8 WHERE hops >= 9
  MATCH (s8)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET]-(n)
  WITH DISTINCT b, hops, n ORDER BY n.id
  CALL (n, b, hops) {
    WITH n, b, hops WHERE n = b
    RETURN CASE WHEN hops = 9 THEN 0 ELSE -1 END AS left_to_go
    UNION
    WITH n, b WHERE n <> b
    MATCH near = shortestPath((n)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET*..10]-(b))
    RETURN length(near) AS left_to_go
  }
  WITH n, left_to_go WHERE left_to_go = hops - 9
  RETURN n AS s9 LIMIT 1
}
WITH a, b, hops, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9
// step 10: stay once the end is reached, else take the smallest-id neighbour one step nearer it
CALL (b, hops, s9) {
  WITH b, hops, s9 WHERE hops < 10
  RETURN s9 AS s10
  UNION
  WITH b, hops, s9 WHERE hops >= 10
  MATCH (s9)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET]-(n)
  WITH DISTINCT b, hops, n ORDER BY n.id
  CALL (n, b, hops) {
    WITH n, b, hops WHERE n = b
    RETURN CASE WHEN hops = 10 THEN 0 ELSE -1 END AS left_to_go
    UNION
    WITH n, b WHERE n <> b
    MATCH near = shortestPath((n)-[:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET*..10]-(b))
    RETURN length(near) AS left_to_go
  }
  WITH n, left_to_go WHERE left_to_go = hops - 10
  RETURN n AS s10 LIMIT 1
}
WITH a, b, hops, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10
WITH [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10][..hops + 1] AS route
UNWIND range(0, size(route) - 2) AS step
WITH route, route[step] AS x, route[step + 1] AS y
MATCH (x)-[r:WORKED_AT|FOUNDED|STUDIED_AT|STUDIED_UNDER|PART_OF|RAISED|INVESTED_IN|ACQUIRER_IN|TARGET]-(y)
WITH route, collect({type: type(r), from: startNode(r).id, to: endNode(r).id, props: properties(r)}) AS rels
RETURN [n IN route | {id: n.id, name: n.name,
          label: CASE WHEN n:Person THEN 'Person' WHEN n:Organization THEN 'Organization'
                      WHEN n:FundingRound THEN 'FundingRound' ELSE 'Deal' END}] AS nodes,
       rels
