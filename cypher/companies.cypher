// companies: organisations by kind, country and founding date, with their founders. A founding
// window compares the stored founded_low and founded_high: organisations without a founding date
// drop out of it.
// Parameters: $kind (an organisation kind), $country (two letters), $startups_only (true: only
// independent startups and labs), $since, $until (partial dates, inclusive) with their comparable
// bounds ($since_low, $until_high; kg passes them); at least one is set, the others null.
// In the Neo4j Browser:
//   :param kind => 'startup';
//   :param country => 'CN';
//   :param startups_only => false;
//   :param since => '2023';
//   :param since_low => '2023-01-01';
//   :param until => null;
//   :param until_high => null;
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (o:Organization {gen: gen})
WHERE ($kind IS NULL OR o.kind = $kind) AND ($country IS NULL OR o.country = $country)
  AND (NOT coalesce($startups_only, false) OR o.independent_startup)
  AND ($until IS NULL OR o.founded_low <= $until_high) AND ($since IS NULL OR o.founded_high >= $since_low)
OPTIONAL MATCH (p:Person {gen: gen})-[:FOUNDED]->(o)
WITH o, collect(p) AS founders
RETURN o.name AS company, o.kind AS kind, o.country AS country, o.founded AS founded, o.status AS status,
       [x IN founders | x.name] AS founders, o.sources AS sources, [o.id] + [x IN founders | x.id] AS _ids
ORDER BY replace(coalesce(founded, '9999'), '~', ''), company
