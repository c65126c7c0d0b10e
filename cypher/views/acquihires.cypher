// View (Neo4j Browser): every licence-and-hire deal, buyer and target, with the people who moved
// in the deal and the moves that came with it.
// Parameters: none.
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH deal = (buyer:Organization {gen: gen})-[:ACQUIRER_IN]->(d:Deal {kind: 'acqui_hire'})-[:TARGET]->(target:Organization)
OPTIONAL MATCH moved = (p:Person {gen: gen})-[:JOINED_VIA]->(d)
OPTIONAL MATCH via = (:Move {gen: gen})-[:VIA]->(d)
RETURN deal, collect(DISTINCT moved) AS people, collect(DISTINCT via) AS moves
