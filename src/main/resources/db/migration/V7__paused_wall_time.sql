-- The time a ticket waited, kept both in working time (paused_seconds) and around the clock, so a
-- change of priority between office hours and day-and-night moves the deadlines by the right amount.
ALTER TABLE ticket ADD COLUMN paused_wall_seconds BIGINT DEFAULT 0 NOT NULL;
-- Best effort for waits recorded before: paused_seconds held the priority's own time, which was
-- wall time for URGENT.
UPDATE ticket SET paused_wall_seconds = paused_seconds WHERE priority = 'URGENT';
