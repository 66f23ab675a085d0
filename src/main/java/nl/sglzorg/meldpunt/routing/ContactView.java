package nl.sglzorg.meldpunt.routing;

/** An official of a function, as staff see it. */
public record ContactView(long id, String function, String name, String email, String region,
        String activityCentre, boolean locationPage, long version) {

    static ContactView of(FunctionContact c) {
        return new ContactView(c.id, c.functionCode, c.name, c.email, c.region, c.activityCentre, c.locationPage,
                c.version);
    }
}
