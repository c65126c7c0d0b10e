// View (Neo4j Browser): the sources behind a person or organisation and every fact about it:
// provenance you can click through.
// Parameters: $name (name, alias or id of a person or organisation).
//   :param name => 'Lilian Weng';
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (n {gen: gen}) WHERE (n:Person OR n:Organization) AND (n.id = $name OR n.name = $name OR $name IN coalesce(n.aliases, []))
OPTIONAL MATCH cited = (n)-[:CITES]->(:Source)
OPTIONAL MATCH (n)-[r]-(other) WHERE type(r) <> 'CITES'
WITH gen, n, cited, [s IN coalesce(r.sources, []) | s] AS fact_sources
OPTIONAL MATCH (s:Source {gen: gen}) WHERE s.id IN fact_sources
RETURN n, collect(DISTINCT cited) AS record_sources, collect(DISTINCT s) AS fact_sources
