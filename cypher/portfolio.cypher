// portfolio: what an investor backed: a firm (with its units and funds) or a person.
// Parameters: $investor (name, alias or id).
// In the Neo4j Browser:
//   :param investor => 'Andreessen Horowitz';
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (x {gen: gen}) WHERE (x:Organization OR x:Person)
  AND (x.id = $investor OR x.name = $investor OR $investor IN coalesce(x.aliases, []))
OPTIONAL MATCH (unit:Organization {gen: gen}) WHERE x:Organization AND x.id IN unit.lineage
WITH x, CASE WHEN x:Organization THEN collect(DISTINCT unit) ELSE [x] END AS backers
UNWIND backers AS backer
MATCH (backer)-[part:INVESTED_IN]->(r:FundingRound)<-[:RAISED]-(company:Organization)
RETURN company.name AS company, r.round AS round, r.date AS date, r.amount AS amount, r.currency AS currency,
       r.valuation AS valuation, backer.name AS investor, part.lead AS lead, part.amount AS investor_amount,
       r.sources + part.sources AS sources, [backer.id, company.id] AS _ids
ORDER BY replace(coalesce(date, '9999'), '~', ''), company, round, investor
