// attempted_deals: offers to acquire or take a stake that were rejected, abandoned or blocked.
// Parameters: $org (optional: the would-be acquirer or target, its units included; all if null),
// $since, $until (optional partial dates) with their comparable bounds ($since_low, $until_high;
// kg passes them), compared with the deal's stored date bounds,
// $country (optional: the target's two-letter code).
// In the Neo4j Browser:
//   :param org => 'Meta';
//   :param since => null;
//   :param since_low => null;
//   :param until => null;
//   :param until_high => null;
//   :param country => null;
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
OPTIONAL MATCH (o:Organization {gen: gen}) WHERE $org IS NOT NULL AND (o.id = $org OR o.name = $org OR $org IN coalesce(o.aliases, []))
MATCH (acquirer:Organization {gen: gen})-[:ACQUIRER_IN]->(d:Deal)-[:TARGET]->(target:Organization)
WHERE d.attempted
  AND ($org IS NULL OR o.id IN acquirer.lineage OR o.id IN target.lineage)
  AND ($country IS NULL OR target.country = $country)
  AND ($until IS NULL OR d.date_low <= $until_high) AND ($since IS NULL OR d.date_high >= $since_low)
OPTIONAL MATCH (p:Person {gen: gen})-[:JOINED_VIA]->(d)
WITH d, acquirer, target, collect(p) AS people
RETURN d.date AS date, acquirer.name AS acquirer, target.name AS target, d.kind AS kind, d.amount AS amount,
       d.currency AS currency, d.stake AS stake, d.outcome AS outcome, [x IN people | x.name] AS people,
       d.sources AS sources, [acquirer.id, target.id] + [x IN people | x.id] AS _ids
ORDER BY replace(coalesce(date, '9999'), '~', ''), acquirer, target
