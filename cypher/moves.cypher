// moves: moves out of or into ORG (its units included), or everyone's moves, filtered by person,
// time window and the other end (a name, its kind, its country, or independent startups only).
// The other end of a departure is where it went, of an arrival where it came from; without $org,
// every move is listed once and its other end is its destination, or its origin when $direction
// is 'arrivals' ("who came from Google": any arrival from Google). A time window takes a departure
// by the day its person left (left_low..left_high, when known) and any other move by its date, the
// start at the new place. Internal transfers inside one
// corporate family are no moves.
// Parameters: $org, $other, $except, $person (ids), $direction ('departures', 'arrivals' or
// 'both'), $since, $until (partial dates, inclusive: since=2023 takes in all of 2023), each with
// its comparable bounds ($since_low, $until_high; kg passes them), $kind (an organisation kind),
// $country (two letters), $startups_only (true or false); every one but $direction may be null.
// In the Neo4j Browser:
//   :param org => 'openai';
//   :param direction => 'departures';
//   :param other => null;
//   :param except => null;
//   :param person => null;
//   :param since => '2023';
//   :param since_low => '2023-01-01';
//   :param until => null;
//   :param until_high => null;
//   :param kind => null;
//   :param country => null;
//   :param startups_only => false;
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (p:Person {gen: gen})-[:MADE]->(m:Move)-[:FROM]->(a:Organization), (m)-[:TO]->(b:Organization)
WHERE NOT m.internal AND ($person IS NULL OR p.id = $person)
  AND ($org IS NULL OR $org IN a.lineage OR $org IN b.lineage)
UNWIND CASE WHEN $org IS NULL THEN [{direction: null, far: CASE WHEN $direction = 'arrivals' THEN a ELSE b END}]
            ELSE [side IN [{direction: 'departure', near: a, far: b}, {direction: 'arrival', near: b, far: a}]
                  WHERE $direction IN [side.direction + 's', 'both'] AND $org IN side.near.lineage
                    AND NOT $org IN side.far.lineage] END AS side
WITH p, m, a, b, side.direction AS direction, side.far AS far,
     CASE WHEN m.left_low IS NOT NULL AND coalesce(side.direction + 's', $direction) = 'departures'
          THEN [m.left_low, m.left_high] ELSE [m.date_low, m.date_high] END AS span
WHERE ($until IS NULL OR span[0] <= $until_high) AND ($since IS NULL OR span[1] >= $since_low)
  AND ($other IS NULL OR $other IN far.lineage) AND ($except IS NULL OR NOT $except IN far.lineage)
  AND ($kind IS NULL OR far.kind = $kind) AND ($country IS NULL OR far.country = $country)
  AND (NOT coalesce($startups_only, false) OR far.independent_startup)
RETURN p.name AS person, a.name AS `from`, b.name AS `to`, direction, m.date AS date, m.left AS left,
       m.deal AS via_deal, m.sources AS sources, [p.id, a.id, b.id] AS _ids
ORDER BY replace(coalesce(m.date, '9999'), '~', ''), person, `from`, `to`
