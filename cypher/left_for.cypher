// left_for: who left ORG (its units included), and for which organisation, with dates.
// Parameters: $org (name, alias or id), $to (optional: only moves into this organisation and its
// units), $startups_only (true: only independent startups and labs).
// In the Neo4j Browser:
//   :param org => 'OpenAI';
//   :param to => null;
//   :param startups_only => true;
MATCH (o:Organization) WHERE o.id = $org OR o.name = $org OR $org IN coalesce(o.aliases, [])
MATCH (unit:Organization)-[:PART_OF*0..]->(o)
WITH collect(DISTINCT unit) AS origin, [u IN collect(DISTINCT unit) | u.id] AS origin_ids
OPTIONAL MATCH (t:Organization) WHERE $to IS NOT NULL AND (t.id = $to OR t.name = $to OR $to IN coalesce(t.aliases, []))
OPTIONAL MATCH (tunit:Organization)-[:PART_OF*0..]->(t)
WITH origin, origin_ids, [u IN collect(DISTINCT tunit) | u.id] AS destination_ids
UNWIND origin AS left
MATCH (p:Person)-[:MADE]->(m:Move)-[:FROM]->(left), (m)-[:TO]->(dest:Organization)
WHERE NOT dest.id IN origin_ids
  AND ($to IS NULL OR dest.id IN destination_ids)
  AND (NOT coalesce($startups_only, false) OR (dest.kind IN ['startup', 'frontier_lab'] AND dest.parent IS NULL))
RETURN p.name AS person, left.name AS `from`, dest.name AS `to`, dest.kind AS to_kind, m.date AS date,
       m.left AS left, EXISTS { (p)-[:FOUNDED]->(dest) } AS founded, m.deal AS via_deal, m.sources AS sources,
       [p.id, left.id, dest.id] AS _ids
ORDER BY replace(coalesce(m.date, '9999'), '~', ''), person, `to`
