package nl.sglzorg.meldpunt.intake;

import java.time.Instant;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.Priority;

/**
 * A signal the signed-in staff member took for a reporter, as the confirmation after filing shows it.
 *
 * @param acknowledgementMailed whether the reporter gets the acknowledgement with the tracking code by e-mail
 * @param maySee whether the staff member may open the ticket itself (one routed elsewhere may be hidden)
 */
public record TakenSignal(String reference, Channel channel, Priority priority, PublicRouting routing,
        boolean joinedExisting, boolean acknowledgementMailed, boolean maySee, Instant createdAt) {
}
