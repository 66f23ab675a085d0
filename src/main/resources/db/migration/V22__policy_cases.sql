-- The policy's missing cases.
-- A client's begeleider (care worker), informed of unwanted contact: their address, and whether the
-- client allowed them to know who reports. Reporter data: erased with the reporter's name and address.
ALTER TABLE ticket ADD COLUMN care_worker_email VARCHAR(254);
ALTER TABLE ticket ADD COLUMN care_worker_may_know_identity BOOLEAN DEFAULT FALSE NOT NULL;
-- The URL of SGL's repost of a positive post, recorded when the ticket is resolved.
ALTER TABLE ticket ADD COLUMN repost_url VARCHAR(2048);

-- The accounts table's history: one row per revision, written in the transaction of the edit.
CREATE TABLE accounts_table_edit (
    revision    BIGINT PRIMARY KEY,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by  VARCHAR(100) NOT NULL,
    description VARCHAR(1000) NOT NULL
);
INSERT INTO accounts_table_edit (revision, changed_at, changed_by, description)
SELECT revision, changed_at, changed_by, 'Stand toen de geschiedenis begon' FROM accounts_table_revision WHERE id = 1;
