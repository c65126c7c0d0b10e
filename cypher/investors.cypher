// investors: who backed ORG: each funding round with its investors, leads, amounts and valuation.
// Parameters: $org (name, alias or id).
// In the Neo4j Browser:
//   :param org => 'Thinking Machines Lab';
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (o:Organization {gen: gen}) WHERE o.id = $org OR o.name = $org OR $org IN coalesce(o.aliases, [])
MATCH (o)-[:RAISED]->(r:FundingRound)
OPTIONAL MATCH (investor {gen: gen})-[part:INVESTED_IN]->(r)
RETURN r.round AS round, r.date AS date, r.amount AS amount, r.currency AS currency, r.valuation AS valuation,
       investor.name AS investor, part.lead AS lead, part.amount AS investor_amount,
       r.sources + coalesce(part.sources, []) AS sources,
       [o.id] + CASE WHEN investor IS NULL THEN [] ELSE [investor.id] END AS _ids
ORDER BY replace(coalesce(date, '9999'), '~', ''), round, lead DESC, investor
