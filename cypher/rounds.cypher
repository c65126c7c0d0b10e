// rounds: funding rounds with amount, valuation, leads and investors, by company (its units
// included), investor (its units and funds included; $led: only rounds it led), round name, time
// window (the round's stored date bounds: since=2024 includes all of 2024), and the company's kind
// or country; claims keeps every figure the sources disagree on.
// Parameters: $org, $investor (ids), $led (true or false), $round ('seed', 'A', …; any case),
// $since, $until (partial dates), $kind (an organisation kind), $country (two letters); each may be null.
// In the Neo4j Browser:
//   :param org => 'mistral-ai'
//   :param investor => null
//   :param led => false
//   :param round => null
//   :param since => null
//   :param until => null
//   :param kind => null
//   :param country => null
OPTIONAL MATCH (a:Organization)-[:PART_OF*0..]->(:Organization {id: $org})
WITH collect(a.id) AS companies
OPTIONAL MATCH (b:Organization)-[:PART_OF*0..]->(:Organization {id: $investor})
WITH companies, collect(b.id) + CASE WHEN $investor IS NULL THEN [] ELSE [$investor] END AS backers
MATCH (o:Organization)-[:RAISED]->(r:FundingRound)
WHERE ($org IS NULL OR o.id IN companies)
  AND ($round IS NULL OR toLower(r.round) = toLower($round))
  AND ($kind IS NULL OR o.kind = $kind) AND ($country IS NULL OR o.country = $country)
  AND ($until IS NULL OR left(r.date_earliest, size($until)) <= $until)
  AND ($since IS NULL OR left(r.date_latest, size($since)) >= $since)
OPTIONAL MATCH (investor)-[part:INVESTED_IN]->(r)
WITH o, r, backers, collect({who: investor, lead: coalesce(part.lead, false)}) AS parts
WHERE $investor IS NULL OR any(x IN parts WHERE x.who.id IN backers AND (x.lead OR NOT coalesce($led, false)))
RETURN o.name AS company, r.round AS round, r.date AS date, r.amount AS amount, r.currency AS currency,
       r.valuation AS valuation, [x IN parts WHERE x.who IS NOT NULL AND x.lead | x.who.name] AS leads,
       [x IN parts WHERE x.who IS NOT NULL AND NOT x.lead | x.who.name] AS investors,
       coalesce(r.claims, []) AS claims, r.sources AS sources,
       [o.id] + [x IN parts WHERE x.who IS NOT NULL | x.who.id] AS _ids
ORDER BY replace(coalesce(date, '9999'), '~', ''), company, round
