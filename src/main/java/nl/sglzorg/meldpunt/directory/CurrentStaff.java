package nl.sglzorg.meldpunt.directory;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The staff member behind the current request, as read from the database when it signed in. */
@RequestScoped
public class CurrentStaff {

    @Inject
    SecurityIdentity identity;

    public StaffMember get() {
        StaffMember member = identity.isAnonymous() ? null : identity.getAttribute(StaffIdentityProvider.STAFF_MEMBER);
        if (member == null) {
            throw new UnauthorizedException();
        }
        return member;
    }
}
