// coworkers: who overlapped with PERSON at the same organisation (dated roles of founders,
// executives, employees and interns), with the span they shared.
// Parameters: $person (name, alias or id), $org (optional: only at this organisation).
// In the Neo4j Browser:
//   :param person => 'Lilian Weng';
//   :param org => null;
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (p:Person {gen: gen}) WHERE p.id = $person OR p.name = $person OR $person IN coalesce(p.aliases, [])
MATCH (p)-[mine:WORKED_AT]->(o:Organization)<-[theirs:WORKED_AT]-(q:Person)
WHERE q <> p
  AND ($org IS NULL OR o.id = $org OR o.name = $org OR $org IN coalesce(o.aliases, []))
  AND mine.present AND theirs.present AND mine.start IS NOT NULL AND theirs.start IS NOT NULL
  AND (mine.until_high IS NULL OR mine.until_high >= theirs.start_low)
  AND (theirs.until_high IS NULL OR theirs.until_high >= mine.start_low)
// sortable keys: the comparable bound, then the date as written
WITH p, q, o, mine, theirs,
     mine.start_low + '|' + mine.start AS mine_from, theirs.start_low + '|' + theirs.start AS their_from,
     mine.until_high + '|' + mine.until AS mine_to, theirs.until_high + '|' + theirs.until AS their_to
WITH p, q, o, theirs,
     CASE WHEN mine_from >= their_from THEN mine_from ELSE their_from END AS span_from,
     CASE WHEN mine_to IS NULL THEN their_to WHEN their_to IS NULL THEN mine_to
          WHEN mine_to <= their_to THEN mine_to ELSE their_to END AS span_to,
     mine.sources + theirs.sources AS pair_sources
WITH p, q, o, min(span_from) AS first_from, collect(span_to) AS ends, count(*) AS pairs,
     collect(theirs.title) AS titles, reduce(all = [], s IN collect(pair_sources) | all + s) AS sources
RETURN q.name AS coworker, o.name AS org, split(first_from, '|')[1] AS overlap_from,
       CASE WHEN size(ends) < pairs THEN null ELSE split(reduce(last = '', e IN ends | CASE WHEN e > last THEN e ELSE last END), '|')[1] END AS overlap_to,
       titles, sources, [p.id, q.id, o.id] AS _ids
ORDER BY org, substring(first_from, 0, 10), coworker
