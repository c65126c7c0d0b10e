// career: a person's roles and schooling, in order.
// Parameters: $person (name, alias or id).
// In the Neo4j Browser:
//   :param person => 'Mira Murati';
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (p:Person {gen: gen}) WHERE p.id = $person OR p.name = $person OR $person IN coalesce(p.aliases, [])
CALL (p) {
  MATCH (p)-[r:WORKED_AT]->(o:Organization)
  RETURN r.start AS start, CASE WHEN r.current THEN 'present' ELSE r.end END AS `end`, o.name AS org,
         'worked' AS what, r.title AS title, r.kind AS kind, r.sources AS sources, r.order AS `order`,
         [p.id, o.id] AS _ids
  UNION ALL
  MATCH (p)-[s:STUDIED_AT]->(o:Organization)
  RETURN s.start AS start, s.end AS `end`, o.name AS org, 'studied' AS what,
         CASE WHEN s.degree IS NOT NULL AND s.field IS NOT NULL THEN s.degree + ', ' + s.field
              ELSE coalesce(s.degree, s.field) END AS title,
         'education' AS kind, s.sources AS sources, s.order AS `order`, [p.id, o.id] AS _ids
}
RETURN start, `end`, org, what, title, kind, sources, `order`, _ids
ORDER BY replace(coalesce(start, '9999'), '~', ''), what, `order`
