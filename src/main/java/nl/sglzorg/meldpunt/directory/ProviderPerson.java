package nl.sglzorg.meldpunt.directory;

import java.util.Set;

/**
 * A person as the organisation's sign-in provider vouches for them, read from a checked token.
 *
 * @param email their e-mail address, or null when no configured claim holds one
 * @param groups their groups at the provider (as the groups claim names them: names or object ids)
 * @param unit the unit code from the configured unit claim, or null
 */
public record ProviderPerson(String email, Set<String> groups, String unit) {

    public ProviderPerson {
        groups = Set.copyOf(groups);
    }
}
