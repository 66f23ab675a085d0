-- Statistics from figures kept per day (docs/design.md, "Figures per day"): a month at a million
-- tickets reads the month's day rows instead of the month's tickets. The rows are rebuilt from the
-- ticket table by FiguresPerDay, day by day; they start empty (refreshed_at NULL), and until the
-- first refresh has run the statistics count the tickets themselves, as before.

-- A day in SGL's time zone (the tickets filed on it): when its figures were counted, and until when they hold. A running
-- deadline turns from "loopt nog" into "te laat" at its due time without any change to the ticket,
-- so the day's figures hold until the earliest such deadline (NULL: as long as no ticket changes).
CREATE TABLE ticket_day (
    filed_on    DATE PRIMARY KEY,
    counted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until TIMESTAMP WITH TIME ZONE
);

-- How many of the day's tickets have each value of each figure: status, category, platform, topic,
-- function, channel, and how the first-response and resolution deadlines fared.
CREATE TABLE ticket_day_count (
    filed_on DATE NOT NULL,
    figure   VARCHAR(20) NOT NULL,
    val      VARCHAR(40) NOT NULL,
    tickets  BIGINT NOT NULL,
    PRIMARY KEY (filed_on, figure, val)
);

-- How many of the day's tickets took each number of seconds to the first staff action, and to the
-- first response as the deadline counts time: the medians are exact, taken from these counts.
CREATE TABLE ticket_day_time (
    filed_on DATE NOT NULL,
    measure  VARCHAR(20) NOT NULL,
    seconds  BIGINT NOT NULL,
    tickets  BIGINT NOT NULL,
    PRIMARY KEY (filed_on, measure, seconds)
);

-- One row: every change to a ticket made before refreshed_at minus the safety margin is in the day
-- rows; the days of tickets changed later are counted from the tickets. Also the lease that lets
-- one instance at a time refresh.
CREATE TABLE ticket_day_refresh (
    id           INTEGER PRIMARY KEY,
    refreshed_at TIMESTAMP WITH TIME ZONE,
    leased_by    VARCHAR(36),
    leased_until TIMESTAMP WITH TIME ZONE
);
INSERT INTO ticket_day_refresh (id, refreshed_at, leased_by, leased_until) VALUES (1, NULL, NULL, NULL);

-- The tickets changed since the last refresh, found without reading the others. Every change to a
-- ticket sets updated_at.
CREATE INDEX ticket_updated_idx ON ticket (updated_at, created_at);

-- The partial days at a period's edges are still counted from the tickets: the stats index now
-- holds the channel too, so that stays an index-only scan on PostgreSQL.
DROP INDEX ticket_created_stats_idx;
CREATE INDEX ticket_created_stats_idx
    ON ticket (created_at, status, category, platform, topic, routed_function, channel, first_response_seconds);
