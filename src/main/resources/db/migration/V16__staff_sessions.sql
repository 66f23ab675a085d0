-- The staff desk's sign-in sessions (directory/StaffSessions). The browser's cookie holds 256 random
-- bits; only their SHA-256 is kept here, so a copy of this table signs nobody in. A row is one signed-in
-- browser: ended by signing out, by the idle timeout or the absolute lifetime, or when its account's
-- password changes or the account is disabled. Shared by every instance.
CREATE TABLE staff_session (
    token_hash   VARCHAR(64) PRIMARY KEY,
    username     VARCHAR(50)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX staff_session_username ON staff_session (username);
CREATE INDEX staff_session_last_seen_at ON staff_session (last_seen_at);
