-- The routing a ticket was filed with, kept when staff first move it by hand (Ticket.rerouteTo), so
-- that a new report of the same post, routed as the ticket was filed, still joins it (Ticket.mayJoin).
-- Absent while a ticket was never moved: its routed_function and routing_contact_id are still the
-- filing's.
ALTER TABLE ticket ADD COLUMN filed_function VARCHAR(40);
ALTER TABLE ticket ADD COLUMN filed_contact_id BIGINT;

-- Tickets moved before this migration: the function they were filed with is in their first history
-- line (ROUTED, new_value). The official then chosen is recorded nowhere, so it stays absent: a new
-- report routed to one official of that function does not join them, as before, and one routed to the
-- whole function does (it could not have been filed otherwise unless the accounts table changed since).
UPDATE ticket SET filed_function = (
        SELECT e.new_value FROM ticket_event e WHERE e.ticket_id = ticket.id AND e.type = 'ROUTED'
        ORDER BY e.occurred_at, e.id FETCH FIRST 1 ROW ONLY)
    WHERE EXISTS (SELECT 1 FROM ticket_event e WHERE e.ticket_id = ticket.id AND e.type = 'REROUTED');
