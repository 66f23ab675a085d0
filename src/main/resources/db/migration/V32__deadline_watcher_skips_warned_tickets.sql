-- The deadline watcher (SlaWatcher, every minute on every instance) found through the V29 indexes
-- every running ticket whose warning moment had passed, and then read each one's row to drop those
-- already warned whose deadline has not come yet. Those are the tickets in the last fifth of their
-- time: at the benchmark's million tickets (17,280 filed a day) 10,800 rows and 2,000 table pages
-- read each minute to find ten, 55-260 ms of the database (or a scan of the whole
-- table, 475-520 ms, when the planner chose that). The watcher now asks for the two cases apart (not
-- warned and warning due; warned and deadline due). These indexes hold warned, the warning moment and
-- the deadline, so the tickets warned and within their time are passed over within the index, their
-- rows never read.
DROP INDEX ticket_first_response_watch_idx;
DROP INDEX ticket_resolution_watch_idx;
CREATE INDEX ticket_first_response_watch_idx
    ON ticket (first_response_breached, first_response_at, first_response_warned, first_response_warn_at, first_response_due);
CREATE INDEX ticket_resolution_watch_idx
    ON ticket (resolution_breached, resolved_at, resolution_warned, resolution_warn_at, resolution_due);
