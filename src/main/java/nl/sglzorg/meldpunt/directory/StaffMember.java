package nl.sglzorg.meldpunt.directory;

import java.util.Set;
import nl.sglzorg.meldpunt.kernel.Roles;

/**
 * The signed-in staff member as access rules see them.
 *
 * @param function for a functionaris, the function they act for
 * @param unit for a leidinggevende, the unit they manage
 */
public record StaffMember(String username, Set<String> roles, String function, String unit, String email) {

    public StaffMember {
        roles = Set.copyOf(roles);
    }

    public boolean isCommunicatie() {
        return roles.contains(Roles.COMMUNICATIE);
    }

    public boolean isLeidinggevende() {
        return roles.contains(Roles.LEIDINGGEVENDE);
    }

    public boolean isFunctionarisOf(String functionCode) {
        return roles.contains(Roles.FUNCTIONARIS) && function != null && function.equals(functionCode);
    }

    public boolean managesUnit(String unitCode) {
        return roles.contains(Roles.LEIDINGGEVENDE) && unit != null && unit.equals(unitCode);
    }
}
