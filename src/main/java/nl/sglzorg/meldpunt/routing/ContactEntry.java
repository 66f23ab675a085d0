package nl.sglzorg.meldpunt.routing;

/**
 * A person or page of a function: a regional manager for a region, an activity centre with or
 * without an active location page, or simply an official.
 */
public record ContactEntry(long id, String name, String email, String region, String activityCentre,
        boolean locationPage) {

    boolean coversRegion(String wanted) {
        return sameName(region, wanted);
    }

    boolean isActivityCentre(String wanted) {
        return sameName(activityCentre, wanted);
    }

    private static boolean sameName(String a, String b) {
        return a != null && b != null && a.strip().equalsIgnoreCase(b.strip());
    }
}
