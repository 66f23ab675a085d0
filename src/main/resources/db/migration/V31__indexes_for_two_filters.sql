-- Two filters the desk combines: an official's function by status (GET /api/tickets?function=
-- COMMUNICATIONS&status=IN_PROGRESS, the queue page) and a platform by category (an official's view of
-- one kind of post on their platform: ?platform=TWITTER&category=MENTION). With an index on each column
-- alone, H2 walks one of them and reads every matching ticket row to test the other column: counting
-- the list's total (up to 1,001 matches) read 1,200-6,000 rows and up to 4,763 pages at 100 k tickets,
-- 94-225 ms a call (docs/benchmarks.md, sessions 15 and 16). These indexes hold both columns and the
-- id, so the total is counted in the index alone and page 1, newest first, is an index walk.
CREATE INDEX ticket_function_status_idx ON ticket (routed_function, status, id);
CREATE INDEX ticket_platform_category_idx ON ticket (platform, category, id);
