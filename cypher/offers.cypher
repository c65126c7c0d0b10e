// offers: hiring offers and retention packages made by ORG or to PERSON, with the reported amount and outcome.
// Parameters: $org (optional: the organisation that made them, its units included), $person (optional:
// only offers to this person), $outcome (optional: accepted, declined or unknown).
// In the Neo4j Browser:
//   :param org => 'Meta';
//   :param person => null;
//   :param outcome => 'declined';
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
OPTIONAL MATCH (o:Organization {gen: gen}) WHERE $org IS NOT NULL AND (o.id = $org OR o.name = $org OR $org IN coalesce(o.aliases, []))
MATCH (maker:Organization {gen: gen})-[:OFFERED]->(f:Offer)
WHERE ($org IS NULL OR o.id IN maker.lineage) AND ($outcome IS NULL OR f.outcome = $outcome)
OPTIONAL MATCH (f)-[:OFFERED_TO]->(p:Person)
WITH f, maker, collect(p) AS people
WHERE $person IS NULL OR any(x IN people WHERE x.id = $person OR x.name = $person)
RETURN f.date AS date, maker.name AS offered_by,
       CASE WHEN size(people) = 0 THEN [f.to_group] ELSE [x IN people | x.name] END AS to,
       f.kind AS kind, f.amount AS amount, f.currency AS currency, f.terms AS terms, f.form AS form,
       f.outcome AS outcome, f.sources AS sources, [maker.id] + [x IN people | x.id] AS _ids
ORDER BY replace(coalesce(date, '9999'), '~', ''), offered_by
