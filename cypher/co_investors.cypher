// co_investors: who backed both A and B, with their rounds in each and the rounds they led.
// Parameters: $a, $b (names, aliases or ids of two companies).
// In the Neo4j Browser:
//   :param a => 'SSI';
//   :param b => 'Thinking Machines Lab';
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (a:Organization {gen: gen}) WHERE a.id = $a OR a.name = $a OR $a IN coalesce(a.aliases, [])
MATCH (b:Organization {gen: gen}) WHERE b.id = $b OR b.name = $b OR $b IN coalesce(b.aliases, [])
MATCH (investor {gen: gen})-[pa:INVESTED_IN]->(ra:FundingRound)<-[:RAISED]-(a)
WITH a, b, investor,
     collect({label: ra.round + ' ' + coalesce(ra.date, 'undated'), lead: pa.lead, sources: ra.sources + pa.sources}) AS in_a
MATCH (investor)-[pb:INVESTED_IN]->(rb:FundingRound)<-[:RAISED]-(b)
WITH a, b, investor, in_a,
     collect({label: rb.round + ' ' + coalesce(rb.date, 'undated'), lead: pb.lead, sources: rb.sources + pb.sources}) AS in_b
RETURN investor.name AS investor, [x IN in_a | x.label] AS rounds_in_a, [x IN in_b | x.label] AS rounds_in_b,
       [x IN in_a + in_b WHERE x.lead | x.label] AS led,
       reduce(all = [], x IN in_a + in_b | all + x.sources) AS sources, [investor.id, a.id, b.id] AS _ids
ORDER BY investor
