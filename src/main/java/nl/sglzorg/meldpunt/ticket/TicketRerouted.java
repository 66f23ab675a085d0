package nl.sglzorg.meldpunt.ticket;

import nl.sglzorg.meldpunt.routing.FunctionEntry;

/**
 * A ticket was moved to another function for {@code reason}. Fired synchronously inside the
 * transaction of the change, so the e-mails it causes commit together with it.
 */
public record TicketRerouted(Ticket ticket, FunctionEntry function, String reason) {
}
