// kg schema for Neo4j 5: a uniqueness constraint on the id of every node label, and indexes for
// looking people and organisations up by name or alias. Every statement is idempotent
// (IF NOT EXISTS); `kg load` applies this file before it writes. Paste it into the Neo4j Browser
// with the multi-statement editor enabled, or run: kg load (which applies it first).

CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT funding_round_id IF NOT EXISTS FOR (n:FundingRound) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT deal_id IF NOT EXISTS FOR (n:Deal) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT offer_id IF NOT EXISTS FOR (n:Offer) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT move_id IF NOT EXISTS FOR (n:Move) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
// kg load writes the new graph as KgStaging nodes first, then swaps it in (see kg/backends/neo4j.py)
CREATE CONSTRAINT kg_staging_id IF NOT EXISTS FOR (n:KgStaging) REQUIRE n.id IS UNIQUE;

CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE INDEX organization_kind IF NOT EXISTS FOR (n:Organization) ON (n.kind);
// no question searches full text; an index an earlier kg created is dropped
DROP INDEX entity_names IF EXISTS;
