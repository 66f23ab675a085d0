package nl.sglzorg.meldpunt.intake;

import java.time.Instant;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.ReporterRelation;
import nl.sglzorg.meldpunt.kernel.Topic;

/**
 * A signal as an ambassador files it. There is no {@code status} or {@code priority}: unknown
 * properties are refused, so a reporter cannot set them. Checked by {@link SignalValidator}.
 */
public record SignalRequest(Category category, Platform platform, Topic topic, String url, String description,
        Instant observedAt, String region, String activityCentre, Reporter reporter, Boolean wantsUpdates,
        String language) {

    /**
     * Who reports; every field optional, the whole object too (anonymous reporting). A client may
     * name their begeleider ({@code careWorkerEmail}), who hears of unwanted contact; only with
     * {@code careWorkerMayKnowIdentity} does that e-mail say who reports.
     */
    public record Reporter(String name, String email, ReporterRelation relation, String unit,
            String careWorkerEmail, Boolean careWorkerMayKnowIdentity) {

        /** A reporter without a begeleider. */
        public Reporter(String name, String email, ReporterRelation relation, String unit) {
            this(name, email, relation, unit, null, null);
        }

        boolean hasCareWorker() {
            return careWorkerEmail != null && !careWorkerEmail.isBlank();
        }
    }
}
