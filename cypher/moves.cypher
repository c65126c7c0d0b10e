// moves: moves out of or into ORG (its units included), or everyone's moves, filtered by person,
// time window and the other end (a name, its kind, its country, or independent startups only).
// The other end of a departure is where it went, of an arrival where it came from; without $org,
// every move is listed once and its other end is its destination.
// A time window compares the move's stored date bounds: since=2023 includes all of 2023.
// Parameters: $org, $direction ('departures', 'arrivals' or 'both'), $other, $except, $person,
// $since, $until (partial dates), $kind (an organisation kind), $country (two letters),
// $startups_only (true or false); every one but $direction may be null.
// In the Neo4j Browser:
//   :param org => 'openai'
//   :param direction => 'departures'
//   :param other => null
//   :param except => null
//   :param person => null
//   :param since => '2023'
//   :param until => null
//   :param kind => null
//   :param country => null
//   :param startups_only => false
OPTIONAL MATCH (home:Organization)-[:PART_OF*0..]->(:Organization {id: $org})
WITH collect(home.id) AS home
OPTIONAL MATCH (wanted:Organization)-[:PART_OF*0..]->(:Organization {id: $other})
WITH home, collect(wanted.id) AS wanted
OPTIONAL MATCH (unwanted:Organization)-[:PART_OF*0..]->(:Organization {id: $except})
WITH home, wanted, collect(unwanted.id) AS unwanted
MATCH (p:Person)-[:MADE]->(m:Move)-[:FROM]->(a:Organization), (m)-[:TO]->(b:Organization)
WHERE ($person IS NULL OR p.id = $person)
  AND ($org IS NULL OR a.id IN home OR b.id IN home)
  AND ($until IS NULL OR left(m.date_earliest, size($until)) <= $until)
  AND ($since IS NULL OR left(m.date_latest, size($since)) >= $since)
UNWIND CASE WHEN $org IS NULL THEN [{direction: null, far: b}]
            ELSE [side IN [{direction: 'departure', near: a, far: b}, {direction: 'arrival', near: b, far: a}]
                  WHERE $direction IN [side.direction + 's', 'both'] AND side.near.id IN home
                    AND NOT side.far.id IN home] END AS side
WITH p, m, a, b, side.direction AS direction, side.far AS far, wanted, unwanted
WHERE ($other IS NULL OR far.id IN wanted) AND NOT far.id IN unwanted
  AND ($kind IS NULL OR far.kind = $kind) AND ($country IS NULL OR far.country = $country)
  AND (NOT coalesce($startups_only, false) OR (far.kind IN ['startup', 'frontier_lab'] AND far.parent IS NULL))
RETURN p.name AS person, a.name AS `from`, b.name AS `to`, direction, m.date AS date, m.left AS left,
       m.deal AS via_deal, m.sources AS sources, [p.id, a.id, b.id] AS _ids
ORDER BY replace(coalesce(m.date, '9999'), '~', ''), person, `from`, `to`
