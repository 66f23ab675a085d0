-- The one-click acknowledge link in the escalation e-mail (docs/design.md, SECURITY.md).

-- The key that signs the links when meldpunt.desk.link-key is not set: made once by the first
-- instance that needs it and read by every other, so all instances sign and check alike.
CREATE TABLE acknowledge_link_key (
    id     INTEGER PRIMARY KEY,
    secret VARCHAR(64) NOT NULL
);

-- A link is used once: this row is written in the transaction that acknowledges the escalation, and
-- its primary key lets only one of two simultaneous clicks commit.
CREATE TABLE acknowledge_link_use (
    escalation_id BIGINT PRIMARY KEY REFERENCES escalation (id),
    recipient     VARCHAR(254) NOT NULL,
    used_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Acknowledged through a link, the acknowledger is the address the e-mail went to, not a user name.
ALTER TABLE escalation ALTER COLUMN acknowledged_by SET DATA TYPE VARCHAR(254);
ALTER TABLE ticket_event ALTER COLUMN actor SET DATA TYPE VARCHAR(254);
