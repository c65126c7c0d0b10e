// View (Neo4j Browser): an organisation with its units, the people who founded it or worked there,
// its funding rounds with their investors, and the deals it made or was the target of.
// Parameters: $org (name, alias or id).
//   :param org => 'Thinking Machines Lab';
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (o:Organization {gen: gen}) WHERE o.id = $org OR o.name = $org OR $org IN coalesce(o.aliases, [])
OPTIONAL MATCH people = (:Person {gen: gen})-[:FOUNDED|WORKED_AT]->(o)
OPTIONAL MATCH units = (:Organization {gen: gen})-[:PART_OF]->(o)
OPTIONAL MATCH rounds = (o)-[:RAISED]->(:FundingRound)<-[:INVESTED_IN]-()
OPTIONAL MATCH deals = (o)-[:ACQUIRER_IN|TARGET]-(:Deal)-[:ACQUIRER_IN|TARGET]-(:Organization)
RETURN o, collect(DISTINCT people) AS people, collect(DISTINCT units) AS units,
       collect(DISTINCT rounds) AS rounds, collect(DISTINCT deals) AS deals
