-- How each signal reached Meldpunt (kernel.Channel), and which staff member filed it for the
-- reporter when it came by phone or in person. Signals filed before this migration came through the
-- pages or the API; which of the two is not known, and they count as WEB.
ALTER TABLE ticket ADD COLUMN channel VARCHAR(12) DEFAULT 'WEB' NOT NULL;
ALTER TABLE ticket ADD COLUMN filed_by VARCHAR(100);
