-- E-mail in (docs/design.md, "E-mail in"): every e-mail Meldpunt read from its mailbox and filed,
-- written in the transaction that files it. The primary key lets one of two instances that read the
-- same e-mail commit; an e-mail found here again (its \Seen flag lost in a crash) is not filed twice.
CREATE TABLE inbox_message (
    message_key VARCHAR(64) PRIMARY KEY,
    outcome     VARCHAR(20) NOT NULL,
    ticket_id   BIGINT REFERENCES ticket (id),
    received_at TIMESTAMP WITH TIME ZONE NOT NULL
);
