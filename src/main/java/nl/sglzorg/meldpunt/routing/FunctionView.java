package nl.sglzorg.meldpunt.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Set;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Topic;

/**
 * A row of the published accounts table.
 *
 * @param escalationManager shown to staff only; absent for the public
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionView(String code, String name, List<Platform> personalPlatforms,
        List<Platform> corporatePlatforms, List<Platform> locationPagePlatforms, List<Platform> provisionalPlatforms,
        boolean locationPageAfterIntake, List<Topic> topics, FunctionRequest.EscalationManager escalationManager,
        long version) {

    static FunctionView of(OfficialFunction f, boolean forStaff) {
        FunctionRequest.EscalationManager manager = forStaff && f.escalationManagerEmail != null
                ? new FunctionRequest.EscalationManager(f.escalationManagerName, f.escalationManagerEmail) : null;
        return new FunctionView(f.code, f.name, sorted(f.personalPlatforms), sorted(f.corporatePlatforms),
                sorted(f.locationPagePlatforms), sorted(f.provisionalPlatforms), f.locationPageAfterIntake,
                sorted(f.topics), manager, f.version);
    }

    private static <E extends Enum<E>> List<E> sorted(Set<E> values) {
        return values.stream().sorted().toList();
    }
}
