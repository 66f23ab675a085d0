package nl.sglzorg.meldpunt.routing;

import java.util.List;
import java.util.Set;

/** A row of the published accounts table. */
public record FunctionView(String code, String name, List<Platform> personalPlatforms,
        List<Platform> corporatePlatforms, List<Platform> locationPagePlatforms, List<Platform> provisionalPlatforms,
        boolean locationPageAfterIntake, List<Topic> topics, long version) {

    static FunctionView of(OfficialFunction f) {
        return new FunctionView(f.code, f.name, sorted(f.personalPlatforms), sorted(f.corporatePlatforms),
                sorted(f.locationPagePlatforms), sorted(f.provisionalPlatforms), f.locationPageAfterIntake,
                sorted(f.topics), f.version);
    }

    private static <E extends Enum<E>> List<E> sorted(Set<E> values) {
        return values.stream().sorted().toList();
    }
}
