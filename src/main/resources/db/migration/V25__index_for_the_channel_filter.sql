-- The queue's channel filter (GET /api/tickets?channel=PHONE, the queue page): signals taken by phone
-- or in person are a few among many, so newest first is an index walk from the cursor here too, as
-- for the other filters (V10).
CREATE INDEX ticket_channel_idx ON ticket (channel, id);
