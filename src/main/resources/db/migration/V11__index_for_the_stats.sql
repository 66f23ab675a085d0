-- The monthly figures at a million tickets: one index holds every column GET /api/stats reads, so
-- PostgreSQL counts the period and takes its median with an index-only scan and never reads the
-- wide ticket rows. H2 has no INCLUDE, hence the plain composite index. Its leading created_at
-- serves everything the V2 index on created_at alone served.

CREATE INDEX ticket_created_stats_idx
    ON ticket (created_at, status, category, platform, topic, routed_function, first_response_seconds);
DROP INDEX ticket_created_idx;
