// left_for: who left ORG (its units included), and for which organisation, with dates.
// Parameters: $org (name, alias or id), $to (optional: only moves into this organisation and its
// units), $startups_only (true: only independent startups and labs). Internal transfers (inside
// one corporate family) are no departure.
// In the Neo4j Browser:
//   :param org => 'OpenAI';
//   :param to => null;
//   :param startups_only => true;
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (o:Organization {gen: gen}) WHERE o.id = $org OR o.name = $org OR $org IN coalesce(o.aliases, [])
OPTIONAL MATCH (t:Organization {gen: gen}) WHERE $to IS NOT NULL AND (t.id = $to OR t.name = $to OR $to IN coalesce(t.aliases, []))
MATCH (left:Organization {gen: gen}) WHERE o.id IN left.lineage
MATCH (p:Person {gen: gen})-[:MADE]->(m:Move)-[:FROM]->(left), (m)-[:TO]->(dest:Organization)
WHERE NOT m.internal AND NOT o.id IN dest.lineage
  AND ($to IS NULL OR t.id IN dest.lineage)
  AND (NOT coalesce($startups_only, false) OR dest.independent_startup)
RETURN p.name AS person, left.name AS `from`, dest.name AS `to`, dest.kind AS to_kind, m.date AS date,
       m.left AS left, EXISTS { (p)-[:FOUNDED]->(dest) } AS founded, m.deal AS via_deal, m.sources AS sources,
       [p.id, left.id, dest.id] AS _ids
ORDER BY replace(coalesce(m.date, '9999'), '~', ''), person, `to`
