-- Triage: duplicates, sorting by priority, time to first staff action, and the indexes the staff
-- list filters and sorts by.

ALTER TABLE ticket ADD COLUMN normalized_url VARCHAR(2048);
ALTER TABLE ticket ADD COLUMN duplicate_of_id BIGINT REFERENCES ticket (id);
ALTER TABLE ticket ADD COLUMN status_before_merge VARCHAR(20);
ALTER TABLE ticket ADD COLUMN priority_rank INTEGER NOT NULL DEFAULT 1;
ALTER TABLE ticket ADD COLUMN first_staff_action_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE ticket ADD COLUMN first_response_seconds BIGINT;

UPDATE ticket SET priority_rank = CASE priority
    WHEN 'LOW' THEN 0 WHEN 'NORMAL' THEN 1 WHEN 'HIGH' THEN 2 WHEN 'URGENT' THEN 3 END;

CREATE INDEX ticket_normalized_url_idx ON ticket (normalized_url);
CREATE INDEX ticket_duplicate_of_idx ON ticket (duplicate_of_id);
CREATE INDEX ticket_status_idx ON ticket (status, id);
CREATE INDEX ticket_function_idx ON ticket (routed_function, id);
CREATE INDEX ticket_priority_idx ON ticket (priority_rank, id);
CREATE INDEX ticket_created_idx ON ticket (created_at);
CREATE INDEX ticket_manager_unit_idx ON ticket (manager_unit);
CREATE INDEX ticket_informed_code_idx ON ticket_informed (kind, code);
