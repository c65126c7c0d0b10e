// deal: a deal look-up: who paid what for which stake of whom, when, how it ended (attempted deals
// included), and the people who moved with it; claims keeps every figure the sources disagree on.
// Parameters: $org (either party), $acquirer, $target (organisation ids, units included; at least
// one of the three), $kind (optional: acquisition, stake, acqui_hire or merger), $since, $until
// (optional partial dates) with their comparable bounds ($since_low, $until_high; kg passes them),
// compared with the deal's stored date bounds.
// In the Neo4j Browser:
//   :param org => null;
//   :param acquirer => 'meta';
//   :param target => 'scale-ai';
//   :param kind => null;
//   :param since => null;
//   :param since_low => null;
//   :param until => null;
//   :param until_high => null;
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (acquirer:Organization {gen: gen})-[:ACQUIRER_IN]->(d:Deal)-[:TARGET]->(target:Organization)
WHERE ($kind IS NULL OR d.kind = $kind)
  AND ($org IS NULL OR $org IN acquirer.lineage OR $org IN target.lineage)
  AND ($acquirer IS NULL OR $acquirer IN acquirer.lineage) AND ($target IS NULL OR $target IN target.lineage)
  AND ($until IS NULL OR d.date_low <= $until_high) AND ($since IS NULL OR d.date_high >= $since_low)
OPTIONAL MATCH (p:Person {gen: gen})-[:JOINED_VIA]->(d)
WITH d, acquirer, target, collect(p) AS people
RETURN d.date AS date, acquirer.name AS acquirer, target.name AS target, d.kind AS kind, d.amount AS amount,
       d.currency AS currency, d.stake AS stake, d.outcome AS outcome, [x IN people | x.name] AS people,
       coalesce(d.claims, []) AS claims, d.sources AS sources, [acquirer.id, target.id] + [x IN people | x.id] AS _ids
ORDER BY replace(coalesce(date, '9999'), '~', ''), acquirer, target
