// coworkers: who overlapped with PERSON at the same organisation (dated roles of founders,
// executives, employees and interns), with the span they shared.
// Parameters: $person (name, alias or id), $org (optional: only at this organisation).
// In the Neo4j Browser:
//   :param person => 'Lilian Weng';
//   :param org => null;
MATCH (p:Person) WHERE p.id = $person OR p.name = $person OR $person IN coalesce(p.aliases, [])
MATCH (p)-[mine:WORKED_AT]->(o:Organization)<-[theirs:WORKED_AT]-(q:Person)
WHERE q <> p
  AND ($org IS NULL OR o.id = $org OR o.name = $org OR $org IN coalesce(o.aliases, []))
  AND mine.kind IN ['founder', 'executive', 'employee', 'intern'] AND theirs.kind IN ['founder', 'executive', 'employee', 'intern']
  AND mine.start IS NOT NULL AND theirs.start IS NOT NULL
WITH p, q, o, mine, theirs,
     // sortable keys: the padded earliest (or latest) day, then the date as written
     CASE size(replace(mine.start, '~', '')) WHEN 4 THEN replace(mine.start, '~', '') + '-01-01'
          WHEN 7 THEN replace(mine.start, '~', '') + '-01' ELSE replace(mine.start, '~', '') END + '|' + mine.start AS mine_from,
     CASE size(replace(theirs.start, '~', '')) WHEN 4 THEN replace(theirs.start, '~', '') + '-01-01'
          WHEN 7 THEN replace(theirs.start, '~', '') + '-01' ELSE replace(theirs.start, '~', '') END + '|' + theirs.start AS their_from,
     CASE WHEN mine.until IS NULL THEN null ELSE
       CASE size(replace(mine.until, '~', '')) WHEN 4 THEN replace(mine.until, '~', '') + '-12-31'
            WHEN 7 THEN replace(mine.until, '~', '') + '-31' ELSE replace(mine.until, '~', '') END + '|' + mine.until END AS mine_to,
     CASE WHEN theirs.until IS NULL THEN null ELSE
       CASE size(replace(theirs.until, '~', '')) WHEN 4 THEN replace(theirs.until, '~', '') + '-12-31'
            WHEN 7 THEN replace(theirs.until, '~', '') + '-31' ELSE replace(theirs.until, '~', '') END + '|' + theirs.until END AS their_to
WHERE (mine_to IS NULL OR substring(mine_to, 0, 10) >= substring(their_from, 0, 10))
  AND (their_to IS NULL OR substring(their_to, 0, 10) >= substring(mine_from, 0, 10))
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
