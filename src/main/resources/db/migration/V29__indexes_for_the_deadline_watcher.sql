-- The deadline watcher (SlaWatcher, every minute on every instance) asks for the running tickets
-- with a warning or breach due. It asked in one statement whose four alternatives no index answered
-- together, so PostgreSQL read the whole ticket table every time: a parallel scan of 75,000 pages,
-- 190 ms and three processes at a million tickets, for the handful due. The watcher now asks twice,
-- once per deadline, each through one of these indexes: not breached, not met (NULL), and the warning
-- moment passed. What the index leaves is the few tickets whose warning or breach is due or near;
-- answered, resolved and already breached tickets are never read. They replace the indexes on the
-- warning moments alone, which found every ticket whose warning had passed, breached ones included.
DROP INDEX ticket_first_response_watch_idx;
DROP INDEX ticket_resolution_watch_idx;
CREATE INDEX ticket_first_response_watch_idx ON ticket (first_response_breached, first_response_at, first_response_warn_at);
CREATE INDEX ticket_resolution_watch_idx ON ticket (resolution_breached, resolved_at, resolution_warn_at);
