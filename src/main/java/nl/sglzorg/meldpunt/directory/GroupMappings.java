package nl.sglzorg.meldpunt.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import nl.sglzorg.meldpunt.kernel.Roles;

/**
 * Which Meldpunt role each group at the organisation's sign-in provider gives, as set in
 * {@code meldpunt.oidc.groups}: entries {@code group=role}, where a functionaris' role names the function
 * ({@code functionaris:HR_REPRESENTATIVE}) and a leidinggevende's may name the unit
 * ({@code leidinggevende:ZORG-PARKSTAD}; without it, the unit comes from a claim). Plain Java: whether
 * the function and unit exist is for whoever applies the {@link Grant}.
 */
public final class GroupMappings {

    /** One entry: members of {@code group} get {@code role}, with its function or unit if it has one. */
    record Mapping(String group, String role, String qualifier) {
    }

    /**
     * What a person's groups give them: the roles, the function of a functionaris and the unit of a
     * leidinggevende. Empty when no group of theirs is mapped.
     */
    public record Grant(Set<String> roles, String function, String unit) {

        public Grant {
            roles = Set.copyOf(roles);
        }

        public boolean isEmpty() {
            return roles.isEmpty();
        }
    }

    private final List<Mapping> mappings;

    private GroupMappings(List<Mapping> mappings) {
        this.mappings = List.copyOf(mappings);
    }

    /** Reads the setting's entries; refuses one that cannot be applied, naming it. */
    public static GroupMappings parse(Collection<String> entries) {
        List<Mapping> mappings = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            // Split at the last '=': a group's name (a Keycloak path) may hold one, a role never does.
            int equals = entry.lastIndexOf('=');
            if (equals <= 0) {
                throw invalid(entry, "write it as group=role");
            }
            String group = entry.substring(0, equals).strip();
            String grant = entry.substring(equals + 1).strip();
            int colon = grant.indexOf(':');
            String role = (colon < 0 ? grant : grant.substring(0, colon)).strip();
            String qualifier = colon < 0 ? null : grant.substring(colon + 1).strip();
            if (qualifier != null && qualifier.isEmpty()) {
                qualifier = null;
            }
            if (group.isEmpty() || !Roles.ALL.contains(role)) {
                throw invalid(entry, "the role is one of " + new TreeSet<>(Roles.ALL));
            }
            if (Roles.FUNCTIONARIS.equals(role) && qualifier == null) {
                throw invalid(entry, "a functionaris needs a function: group=functionaris:FUNCTION");
            }
            if (Roles.COMMUNICATIE.equals(role) && qualifier != null) {
                throw invalid(entry, "communicatie takes no function or unit");
            }
            mappings.add(new Mapping(group, role, qualifier));
        }
        return new GroupMappings(mappings);
    }

    /**
     * What these groups give. The first entry in the setting's order decides the function and the
     * unit when several apply; a leidinggevende whose entry names no unit gets {@code unitFromClaim},
     * and without any unit is no leidinggevende.
     */
    public Grant grant(Collection<String> groups, String unitFromClaim) {
        Set<String> roles = new TreeSet<>();
        String function = null;
        String unit = null;
        for (Mapping mapping : mappings) {
            if (!groups.contains(mapping.group())) {
                continue;
            }
            roles.add(mapping.role());
            if (Roles.FUNCTIONARIS.equals(mapping.role()) && function == null) {
                function = mapping.qualifier();
            }
            if (Roles.LEIDINGGEVENDE.equals(mapping.role()) && unit == null) {
                unit = mapping.qualifier();
            }
        }
        if (roles.contains(Roles.LEIDINGGEVENDE) && unit == null) {
            unit = unitFromClaim == null || unitFromClaim.isBlank() ? null : unitFromClaim.strip();
        }
        if (unit == null) {
            roles.remove(Roles.LEIDINGGEVENDE);
        }
        return new Grant(roles, function, roles.contains(Roles.LEIDINGGEVENDE) ? unit : null);
    }

    public boolean isEmpty() {
        return mappings.isEmpty();
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException("MELDPUNT_OIDC_GROUPS: '" + entry + "' cannot be applied: " + why);
    }
}
