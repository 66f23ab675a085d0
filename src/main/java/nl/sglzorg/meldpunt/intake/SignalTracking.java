package nl.sglzorg.meldpunt.intake;

import java.time.Instant;
import java.util.List;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Platform;

/** A signal as its reporter follows it: the public label, never the internal status. */
public record SignalTracking(String reference, Category category, Platform platform, String publicStatus,
        Instant createdAt, Instant updatedAt, List<ReporterUpdate> updates) {
}
