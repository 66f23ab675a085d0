-- An escalation reason may be 1000 characters (Escalation.REASON_MAX, counted as code points); on H2
-- an emoji takes two UTF-16 units (see V4, V9). PostgreSQL counts characters and is unaffected.
ALTER TABLE escalation ALTER COLUMN reason SET DATA TYPE VARCHAR(2000);
