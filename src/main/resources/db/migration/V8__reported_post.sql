-- One row per reported post (normalised URL). Filing a signal with a URL locks its row, so
-- simultaneous reports of one post are filed one after another and each sees the ticket before it.
CREATE TABLE reported_post (
    normalized_url VARCHAR(2048) PRIMARY KEY
);
