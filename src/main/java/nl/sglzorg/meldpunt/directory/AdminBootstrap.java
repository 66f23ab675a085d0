package nl.sglzorg.meldpunt.directory;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.kernel.Roles;

/**
 * On the first start, with no users at all, creates the user {@code communicatie} so someone can
 * sign in: with {@code MELDPUNT_ADMIN_PASSWORD}, or a generated password logged once.
 */
@ApplicationScoped
public class AdminBootstrap {

    static final String FIRST_USER = "communicatie";

    void onStart(@Observes StartupEvent event, MeldpuntConfig config) {
        checkAdminPassword(config.adminPassword());
        try {
            QuarkusTransaction.requiringNew().run(() -> createFirstUser(config));
        } catch (RuntimeException e) {
            // Another instance on the same database created it at the same moment.
            Log.infof("First user not created here (%s); another instance may have created it",
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Refuses to start with a first-user password that breaks the {@link PasswordPolicy}: a weak
     * or template password on the best-known account is worse than no start at all. Checked at
     * every start, also once users exist, so a weak value in the environment is noticed.
     */
    static void checkAdminPassword(Optional<String> password) {
        password.filter(p -> !p.isBlank()).flatMap(PasswordPolicy::problem).ifPresent(problem -> {
            throw new IllegalStateException("MELDPUNT_ADMIN_PASSWORD " + problem);
        });
    }

    private void createFirstUser(MeldpuntConfig config) {
        if (StaffUser.count() > 0) {
            return;
        }
        boolean generated = config.adminPassword().filter(p -> !p.isBlank()).isEmpty();
        String password = generated ? generatePassword() : config.adminPassword().get();
        StaffUser user = new StaffUser();
        user.username = FIRST_USER;
        user.setRoles(Set.of(Roles.COMMUNICATIE));
        user.setPassword(password);
        user.persistAndFlush();
        if (generated) {
            Log.warnf("""

                    ****************************************************************
                    Meldpunt created the first user '%s' with this password:

                        %s

                    It is shown only this once. Sign in and create personal accounts;
                    set MELDPUNT_ADMIN_PASSWORD to choose it yourself next time.
                    ****************************************************************""", FIRST_USER, password);
        } else {
            Log.infof("Meldpunt created the first user '%s' with the password from MELDPUNT_ADMIN_PASSWORD",
                    FIRST_USER);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
