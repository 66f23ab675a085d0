package nl.sglzorg.meldpunt.directory;

import java.util.List;

/** A staff account as the API shows it: never the password. */
public record UserView(String username, List<String> roles, String function, String unit, String email,
        boolean enabled, long version) {

    static UserView of(StaffUser user) {
        return new UserView(user.username, List.copyOf(user.roleSet()), user.functionCode, user.unitCode, user.email,
                user.enabled, user.version);
    }
}
