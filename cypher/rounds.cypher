// rounds: funding rounds with amount, valuation, leads and investors, by company (its units
// included), investor (its units and funds included; $led: only rounds it led), round name, time
// window (compared with the round's stored date bounds: since=2024 takes in all of 2024), and the company's kind
// or country; claims keeps every figure the sources disagree on.
// Parameters: $org, $investor (ids), $led (true or false), $round ('seed', 'A', …; any case),
// $since, $until (partial dates) with their comparable bounds ($since_low, $until_high; kg passes
// them), $kind (an organisation kind), $country (two letters); each may be null.
// In the Neo4j Browser:
//   :param org => 'mistral-ai';
//   :param investor => null;
//   :param led => false;
//   :param round => null;
//   :param since => null;
//   :param since_low => null;
//   :param until => null;
//   :param until_high => null;
//   :param kind => null;
//   :param country => null;
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (o:Organization {gen: gen})-[:RAISED]->(r:FundingRound)
WHERE ($org IS NULL OR $org IN o.lineage)
  AND ($round IS NULL OR toLower(r.round) = toLower($round))
  AND ($kind IS NULL OR o.kind = $kind) AND ($country IS NULL OR o.country = $country)
  AND ($until IS NULL OR r.date_low <= $until_high) AND ($since IS NULL OR r.date_high >= $since_low)
OPTIONAL MATCH (investor {gen: gen})-[part:INVESTED_IN]->(r)
WITH o, r, collect({who: investor, lead: coalesce(part.lead, false)}) AS parts
WHERE $investor IS NULL
   OR any(x IN parts WHERE (x.who.id = $investor OR $investor IN coalesce(x.who.lineage, []))
                       AND (x.lead OR NOT coalesce($led, false)))
RETURN o.name AS company, r.round AS round, r.date AS date, r.amount AS amount, r.currency AS currency,
       r.valuation AS valuation, [x IN parts WHERE x.who IS NOT NULL AND x.lead | x.who.name] AS leads,
       [x IN parts WHERE x.who IS NOT NULL AND NOT x.lead | x.who.name] AS investors,
       coalesce(r.claims, []) AS claims, r.sources AS sources,
       [o.id] + [x IN parts WHERE x.who IS NOT NULL | x.who.id] AS _ids
ORDER BY replace(coalesce(date, '9999'), '~', ''), company, round
