package nl.sglzorg.meldpunt.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.directory.StaffUser;
import nl.sglzorg.meldpunt.kernel.Roles;

/** The rule "there is always a communicatie user left", tested on a database other tests share. */
public final class CommunicatieUsers {

    private CommunicatieUsers() {
    }

    /**
     * Runs {@code body} while only {@code keep} hold the communicatie role. The database is shared
     * and other tests leave communicatie users behind, so the count the last-user rule depends on is
     * made known here: the others lose the role in the database for the duration (not through the
     * API under test) and get exactly their old roles back afterwards.
     */
    public static void only(Set<String> keep, Runnable body) {
        Map<String, String[]> saved = new HashMap<>();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (StaffUser u : StaffUser.<StaffUser>listAll()) {
                    if (u.roleSet().contains(Roles.COMMUNICATIE) && !keep.contains(u.username)) {
                        saved.put(u.username, new String[] {u.roles, u.functionCode});
                        Set<String> rest = new HashSet<>(u.roleSet());
                        rest.remove(Roles.COMMUNICATIE);
                        if (rest.isEmpty()) {
                            rest.add(Roles.FUNCTIONARIS);
                            u.functionCode = u.functionCode == null ? "COMMUNICATIONS" : u.functionCode;
                        }
                        u.setRoles(rest);
                    }
                }
            });
            body.run();
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                for (Map.Entry<String, String[]> entry : saved.entrySet()) {
                    StaffUser u = StaffUser.findByUsername(entry.getKey()).orElseThrow();
                    u.roles = entry.getValue()[0];
                    u.functionCode = entry.getValue()[1];
                }
                // Safety net should the rule ever break: without the first user's role nobody could
                // restore anything, and every later test would fail for the wrong reason.
                StaffUser admin = StaffUser.findByUsername(TestData.ADMIN).orElseThrow();
                if (!admin.roleSet().contains(Roles.COMMUNICATIE)) {
                    admin.setRoles(Set.of(Roles.COMMUNICATIE));
                    admin.functionCode = null;
                }
            });
        }
    }
}
