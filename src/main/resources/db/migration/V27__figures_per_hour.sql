-- The figures of each counted day also per hour of filing (docs/design.md, "Figures per day"), for
-- GET /api/stats: a day with a few tickets changed since it was counted is read as its hour rows,
-- without the hours that changed, plus those hours counted from the tickets, instead of a whole day
-- of tickets. Written with the day rows, in the same transaction; only the figures GET /api/stats
-- shows (the six counted values and the time to the first staff action, no deadlines).
-- filed_hour: the UTC hour the tickets were filed in; filed_on: the day (SGL's time zone) they belong to.
CREATE TABLE ticket_hour_count (
    filed_on   DATE NOT NULL,
    filed_hour TIMESTAMP WITH TIME ZONE NOT NULL,
    figure     VARCHAR(20) NOT NULL,
    val        VARCHAR(40) NOT NULL,
    tickets    BIGINT NOT NULL,
    PRIMARY KEY (filed_on, filed_hour, figure, val)
);

CREATE TABLE ticket_hour_time (
    filed_on   DATE NOT NULL,
    filed_hour TIMESTAMP WITH TIME ZONE NOT NULL,
    seconds    BIGINT NOT NULL,
    tickets    BIGINT NOT NULL,
    PRIMARY KEY (filed_on, filed_hour, seconds)
);

-- The days counted so far have no hour rows: the next refresh counts every day again, and until it
-- has, the statistics count from the tickets.
UPDATE ticket_day_refresh SET refreshed_at = NULL;
