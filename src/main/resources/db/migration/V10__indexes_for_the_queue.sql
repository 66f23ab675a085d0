-- The staff queue at a million tickets: every filter has an index that ends in id, so a page sorted
-- newest first is an index walk from the cursor; the queue's usual views (a status or a function,
-- sorted by priority or by deadline) have an index in that order, so they need no sort either.
-- Filters by status, function, priority (its rank) and manager unit, and the plain sorts, have their
-- indexes since V2 and V5.

CREATE INDEX ticket_platform_idx ON ticket (platform, id);
CREATE INDEX ticket_category_idx ON ticket (category, id);
CREATE INDEX ticket_topic_idx ON ticket (topic, id);

CREATE INDEX ticket_status_priority_idx ON ticket (status, priority_rank, id);
CREATE INDEX ticket_status_due_idx ON ticket (status, next_due, id);
CREATE INDEX ticket_function_priority_idx ON ticket (routed_function, priority_rank, id);
CREATE INDEX ticket_function_due_idx ON ticket (routed_function, next_due, id);
