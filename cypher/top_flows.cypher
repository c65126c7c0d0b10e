// top_flows: the largest talent flows. With $by = 'pair' (the default): organisation-to-organisation
// flows by the number of people who moved, optionally only those into or out of $org. With
// $by = 'org': each organisation's intake (people in, people out, net), biggest net importer first.
// Parameters: $org (optional), $by ('pair' or 'org'), $limit (how many rows).
// In the Neo4j Browser:
//   :param org => null;
//   :param by => 'org';
//   :param limit => 15;
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
CALL (gen) {
  MATCH (x:Organization {gen: gen})-[f:TALENT_FLOW]->(y:Organization)
  WHERE coalesce($by, 'pair') = 'pair'
    AND ($org IS NULL OR $org IN [x.id, x.name, y.id, y.name] + coalesce(x.aliases, []) + coalesce(y.aliases, []))
  MATCH (p:Person {gen: gen}) WHERE p.id IN f.people
  WITH x, y, f, collect(p.name) AS names, collect(p.id) AS people_ids
  RETURN x.name AS `from`, y.name AS `to`, null AS org, f.count AS people, null AS inflow, null AS outflow,
         null AS net, names, f.sources AS sources, [x.id, y.id] + people_ids AS _ids
  UNION ALL
  MATCH (x:Organization)-[f:TALENT_FLOW]->(y:Organization)
  WHERE $by = 'org'
  UNWIND [[y, f.count, 0], [x, 0, f.count]] AS side
  WITH side[0] AS o, side[1] AS inflow, side[2] AS outflow, f.sources AS flow_sources
  WITH o, sum(inflow) AS inflow, sum(outflow) AS outflow, reduce(all = [], s IN collect(flow_sources) | all + s) AS sources
  WHERE $org IS NULL OR $org IN [o.id, o.name] + coalesce(o.aliases, [])
  RETURN null AS `from`, null AS `to`, o.name AS org, null AS people, inflow, outflow, inflow - outflow AS net,
         null AS names, sources, [o.id] AS _ids
}
RETURN `from`, `to`, org, people, inflow, outflow, net, names, sources, _ids
ORDER BY people DESC, net DESC, toLower(`from`), toLower(`to`), toLower(org)
LIMIT coalesce($limit, 15)
