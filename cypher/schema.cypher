// kg schema for Neo4j 5. kg keeps its graph in generations (see kg/neo4j_backend.py): every node
// it writes has the label KgNode and its generation in `gen`, and (:KgLive {name: 'live'}) names the
// live one. Ids are unique within a generation; indexes serve look-ups by id, name and alias. Every
// statement is idempotent; `kg load` applies this file before it writes. Paste it into the Neo4j
// Browser with the multi-statement editor enabled, or run: kg load (which applies it first).

// constraints of earlier kg versions, which held one graph only
DROP CONSTRAINT person_id IF EXISTS;
DROP CONSTRAINT organization_id IF EXISTS;
DROP CONSTRAINT funding_round_id IF EXISTS;
DROP CONSTRAINT deal_id IF EXISTS;
DROP CONSTRAINT offer_id IF EXISTS;
DROP CONSTRAINT move_id IF EXISTS;
DROP CONSTRAINT source_id IF EXISTS;
DROP CONSTRAINT kg_staging_id IF EXISTS;

CREATE CONSTRAINT kg_node_id IF NOT EXISTS FOR (n:KgNode) REQUIRE (n.gen, n.id) IS UNIQUE;
// one live marker, and one load at a time: the lock is a node only one load can create
CREATE CONSTRAINT kg_live_name IF NOT EXISTS FOR (n:KgLive) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT kg_load_lock IF NOT EXISTS FOR (n:KgLoadLock) REQUIRE n.name IS UNIQUE;

CREATE INDEX person_id_lookup IF NOT EXISTS FOR (n:Person) ON (n.id);
CREATE INDEX organization_id_lookup IF NOT EXISTS FOR (n:Organization) ON (n.id);
CREATE INDEX source_id_lookup IF NOT EXISTS FOR (n:Source) ON (n.id);
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE INDEX organization_kind IF NOT EXISTS FOR (n:Organization) ON (n.kind);
// no question searches full text; an index an earlier kg created is dropped
DROP INDEX entity_names IF EXISTS;
