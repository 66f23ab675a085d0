-- The one-time keys of the reporter's page forms (intake.FormSubmissions): a key's hash, written in
-- the same transaction as what its form did, with the signal it acted on and, for a filing, the
-- signal's tracking code sealed under the form's key (which is not kept). The same form sent again (a
-- reload, a double click, the back button) finds it and does nothing twice. Kept a day.
CREATE TABLE form_submission (
    key_hash    VARCHAR(64) PRIMARY KEY,
    reference   VARCHAR(40),
    sealed_code VARCHAR(120),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX form_submission_created_idx ON form_submission (created_at);
