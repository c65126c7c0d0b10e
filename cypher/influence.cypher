// influence: the graph that kg ranks people and organisations in. Each row is one weighted edge:
// a person's career role (founder, executive, employee) at an organisation (weight 1), or a talent
// flow between two organisations (weight: people who moved). kg runs PageRank (damping 0.85) on
// these rows and keeps the $limit highest of $kind ('all', 'person' or 'org').
// Parameters: $kind, $limit (used by kg after ranking).
// In the Neo4j Browser:
//   :param kind => 'person';
//   :param limit => 20;
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
CALL (gen) {
  MATCH (p:Person {gen: gen})-[r:WORKED_AT]->(o:Organization)
  WHERE r.career
  RETURN p.id AS a, o.id AS b, 'Person' AS a_label, 'Organization' AS b_label, p.name AS a_name, o.name AS b_name, 1 AS weight
  UNION ALL
  MATCH (x:Organization {gen: gen})-[f:TALENT_FLOW]->(y:Organization)
  RETURN x.id AS a, y.id AS b, 'Organization' AS a_label, 'Organization' AS b_label, x.name AS a_name, y.name AS b_name, f.count AS weight
}
RETURN a, b, a_label, b_label, a_name, b_name, weight
