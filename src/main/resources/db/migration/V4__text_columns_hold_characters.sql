-- Length limits are checked in characters (Unicode code points). H2 measures VARCHAR in UTF-16
-- units, where an emoji counts twice, so a text the validator accepts could not be stored. Give the
-- columns a reporter fills room for twice their limit; PostgreSQL, which counts characters, is unaffected.
ALTER TABLE ticket ALTER COLUMN description SET DATA TYPE VARCHAR(10000);
ALTER TABLE ticket ALTER COLUMN region SET DATA TYPE VARCHAR(200);
ALTER TABLE ticket ALTER COLUMN activity_centre SET DATA TYPE VARCHAR(400);
ALTER TABLE ticket ALTER COLUMN reporter_name SET DATA TYPE VARCHAR(400);
ALTER TABLE ticket ALTER COLUMN reporter_email SET DATA TYPE VARCHAR(508);
ALTER TABLE ticket_event ALTER COLUMN text SET DATA TYPE VARCHAR(10000);
