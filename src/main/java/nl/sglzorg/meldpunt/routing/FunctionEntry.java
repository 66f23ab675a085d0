package nl.sglzorg.meldpunt.routing;

import java.util.List;
import java.util.Set;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Topic;

/**
 * One row of the accounts table as routing sees it: which platforms the function can answer on, and
 * which topics it owns.
 *
 * @param provisionalPlatforms personal platforms that are announced but not final ("nog niet
 *        definitief"); routing does not count on them yet
 */
public record FunctionEntry(String code, String name, Set<Platform> personalPlatforms,
        Set<Platform> corporatePlatforms, Set<Platform> locationPagePlatforms, Set<Platform> provisionalPlatforms,
        Set<Topic> topics, List<ContactEntry> contacts) {

    public FunctionEntry {
        personalPlatforms = Set.copyOf(personalPlatforms);
        corporatePlatforms = Set.copyOf(corporatePlatforms);
        locationPagePlatforms = Set.copyOf(locationPagePlatforms);
        provisionalPlatforms = Set.copyOf(provisionalPlatforms);
        topics = Set.copyOf(topics);
        contacts = List.copyOf(contacts);
    }

    boolean hasCorporateAccess(Platform platform) {
        return corporatePlatforms.contains(platform);
    }

    boolean hasFinalPersonalAccount(Platform platform) {
        return personalPlatforms.contains(platform) && !provisionalPlatforms.contains(platform);
    }
}
