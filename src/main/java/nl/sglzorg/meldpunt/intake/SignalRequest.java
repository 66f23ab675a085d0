package nl.sglzorg.meldpunt.intake;

import java.time.Instant;
import nl.sglzorg.meldpunt.common.text.Text;
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

    /**
     * This request with its texts (description, region, activity centre, the reporter's name) without
     * direction controls ({@link Text#withoutDirectionControls}), as it is checked, routed and filed:
     * a reporter cannot see them, and WhatsApp wraps every copied telephone number in them. The URL and
     * the addresses keep theirs, to be refused.
     */
    SignalRequest withoutDirectionControls() {
        Reporter cleanReporter = reporter == null ? null : new Reporter(Text.withoutDirectionControls(reporter.name()),
                reporter.email(), reporter.relation(), reporter.unit(), reporter.careWorkerEmail(),
                reporter.careWorkerMayKnowIdentity());
        return new SignalRequest(category, platform, topic, url, Text.withoutDirectionControls(description), observedAt,
                Text.withoutDirectionControls(region), Text.withoutDirectionControls(activityCentre), cleanReporter,
                wantsUpdates, language);
    }
}
