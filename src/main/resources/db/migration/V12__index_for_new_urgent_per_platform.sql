-- The staff queue's most selective everyday filter, "new, urgent, on this platform": with this index
-- both its page (newest first) and its bounded total are one index range, where the status and
-- priority index alone leaves PostgreSQL to filter the platform from tens of thousands of rows.
CREATE INDEX ticket_status_priority_platform_idx ON ticket (status, priority_rank, platform, id);
