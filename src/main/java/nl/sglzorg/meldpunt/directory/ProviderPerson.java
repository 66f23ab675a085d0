package nl.sglzorg.meldpunt.directory;

import java.util.Set;

/**
 * A person as the organisation's sign-in provider vouches for them, read from a checked token.
 *
 * @param email their e-mail address, or null when no configured claim holds one
 * @param groups their groups at the provider (as the groups claim names them: names or object ids)
 * @param unit the unit code from the configured unit claim, or null
 * @param groupsSaid whether the token carries the groups claim at all: one without it (an access token
 *     the provider gives no groups, Entra ID's "too many groups") says nothing of them, and takes nothing
 */
public record ProviderPerson(String email, Set<String> groups, String unit, boolean groupsSaid) {

    public ProviderPerson {
        groups = Set.copyOf(groups);
    }
}
