// alumni_founders: companies founded by people who worked (founder, executive, employee or intern)
// or studied at ORG or one of its units, founded no earlier than they first came to ORG. A founding
// window compares the company's stored founded_low and founded_high: undated companies drop out of it.
// Parameters: $org (name, alias or id: a company, a lab or a school); $since, $until (partial dates,
// inclusive, or null) with their comparable bounds ($since_low, $until_high; kg passes them).
// In the Neo4j Browser:
//   :param org => 'Tsinghua University';
//   :param since => null;
//   :param since_low => null;
//   :param until => null;
//   :param until_high => null;
// kg keeps its graph in generations; `gen` is the live one, and each query starts from it.
MATCH (live:KgLive) WITH live.gen AS gen
MATCH (o:Organization {gen: gen}) WHERE o.id = $org OR o.name = $org OR $org IN coalesce(o.aliases, [])
MATCH (via:Organization {gen: gen}) WHERE o.id IN via.lineage
MATCH (p:Person {gen: gen})-[link:WORKED_AT|STUDIED_AT]->(via)
WHERE type(link) = 'STUDIED_AT' OR link.present
MATCH (p)-[founding:FOUNDED]->(company:Organization)
WHERE NOT o.id IN company.lineage AND NOT coalesce(link.start_low > founding.date_high, false)
  AND ($until IS NULL OR company.founded_low <= $until_high) AND ($since IS NULL OR company.founded_high >= $since_low)
WITH company, p, founding,
     collect(CASE type(link) WHEN 'WORKED_AT' THEN 'worked at' ELSE 'studied at' END) AS links,
     collect(via.name) AS vias, collect(via.id) AS via_ids, collect(link.sources) AS link_sources
RETURN company.name AS company, company.kind AS company_kind, p.name AS founder, founding.date AS founded,
       links AS link, vias AS via,
       coalesce(founding.sources, []) + reduce(all = [], s IN link_sources | all + s) AS sources,
       [company.id, p.id] + via_ids AS _ids
ORDER BY company, founder
