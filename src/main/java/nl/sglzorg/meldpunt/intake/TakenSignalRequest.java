package nl.sglzorg.meldpunt.intake;

import java.time.Instant;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Topic;

/**
 * A signal a staff member took by phone or in person ({@code POST /api/tickets}): the reporter's
 * fields as in {@link SignalRequest}, what the caller told about themselves in {@code reporter}
 * (anonymous allowed), and the {@code channel} it came through, {@code PHONE} or {@code IN_PERSON}.
 */
public record TakenSignalRequest(Channel channel, Category category, Platform platform, Topic topic, String url,
        String description, Instant observedAt, String region, String activityCentre,
        SignalRequest.Reporter reporter, Boolean wantsUpdates, String language) {

    /** The signal itself, as its reporter would have filed it. */
    public SignalRequest signal() {
        return new SignalRequest(category, platform, topic, url, description, observedAt, region, activityCentre,
                reporter, wantsUpdates, language);
    }
}
