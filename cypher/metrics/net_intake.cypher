// net_intake: per year, the people who arrived at ORG from elsewhere and who left it for elsewhere
// (units count with it; transfers inside one corporate family are no move; undated moves are left out).
// Parameters: $org (name, alias or id). kg intake ORG prints the same figures.
// In the Neo4j Browser:
//   :param org => 'OpenAI';
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (o:Organization {gen: gen}) WHERE o.id = $org OR o.name = $org OR $org IN coalesce(o.aliases, [])
WITH gen, collect(o) AS found UNWIND found AS o  // found once (a plain WITH lets the planner search it again per move)
MATCH (p:Person {gen: gen})-[:MADE]->(m:Move)-[:FROM]->(f:Organization), (m)-[:TO]->(t:Organization)
WHERE NOT m.internal AND m.date_low IS NOT NULL AND (o.id IN f.lineage) <> (o.id IN t.lineage)
WITH substring(m.date_low, 0, 4) AS year, p, o.id IN t.lineage AS arrived
WITH year, collect(DISTINCT CASE WHEN arrived THEN p.name END) AS people_in,
     collect(DISTINCT CASE WHEN NOT arrived THEN p.name END) AS people_out
RETURN year, size(people_in) AS arrivals, size(people_out) AS departures, size(people_in) - size(people_out) AS net,
       people_in, people_out
ORDER BY year
