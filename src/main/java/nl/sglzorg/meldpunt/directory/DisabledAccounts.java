package nl.sglzorg.meldpunt.directory;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A disabled account cannot sign in, whatever its password: it is answered like a wrong one. */
@ApplicationScoped
public class DisabledAccounts implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> {
            String name = identity.getPrincipal().getName();
            boolean enabled = QuarkusTransaction.joiningExisting().call(
                    () -> StaffUser.findByUsername(name).map(user -> user.enabled).orElse(false));
            if (!enabled) {
                throw new AuthenticationFailedException();
            }
            return identity;
        });
    }
}
