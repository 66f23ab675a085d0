-- A reroute reason may be 1000 characters; on H2 an emoji takes two UTF-16 units (see V4).
ALTER TABLE ticket ALTER COLUMN routing_reason SET DATA TYPE VARCHAR(2000);
