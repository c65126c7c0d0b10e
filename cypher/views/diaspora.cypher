// View (Neo4j Browser): where people went after leaving an organisation, one arrow per flow,
// with the people who made it. Try it for OpenAI, Google DeepMind or Meta.
// Parameters: $org (name, alias or id).
//   :param org => 'OpenAI';
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (o:Organization {gen: gen}) WHERE o.id = $org OR o.name = $org OR $org IN coalesce(o.aliases, [])
MATCH flow = (o)-[f:TALENT_FLOW]->(dest:Organization)
OPTIONAL MATCH went = (p:Person {gen: gen})-[:MADE]->(:Move)-[:TO]->(dest) WHERE p.id IN f.people
WITH flow, f, collect(went) AS people
RETURN flow, people
ORDER BY f.count DESC
