package nl.sglzorg.meldpunt.routing;

import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Topic;

/**
 * What routing needs to know of a signal.
 *
 * @param topic may be {@code null}: treated as {@link Topic#GENERAL}
 * @param reporterUnit the reporter's unit with its manager, or {@code null} when not given
 * @param careWorker whether the reporter, a client, named their begeleider (care worker)
 */
public record SignalFacts(Category category, Platform platform, Topic topic, String region,
        String activityCentre, UnitManager reporterUnit, boolean careWorker) {

    /** A signal whose reporter named no begeleider. */
    public SignalFacts(Category category, Platform platform, Topic topic, String region, String activityCentre,
            UnitManager reporterUnit) {
        this(category, platform, topic, region, activityCentre, reporterUnit, false);
    }

    public Topic topicOrGeneral() {
        return topic == null ? Topic.GENERAL : topic;
    }

    boolean hasUnitManager() {
        return reporterUnit != null && reporterUnit.hasManager();
    }
}
