package nl.sglzorg.meldpunt.intake;

import nl.sglzorg.meldpunt.kernel.Priority;

/** What a signal would get if it were filed now. */
public record RoutingPreview(Priority priority, PublicRouting routing) {
}
