package nl.sglzorg.meldpunt.directory;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The staff member behind the current request, read once per request. */
@RequestScoped
public class CurrentStaff {

    @Inject
    SecurityIdentity identity;

    private StaffMember member;

    public StaffMember get() {
        if (member == null) {
            if (identity.isAnonymous()) {
                throw new UnauthorizedException();
            }
            StaffUser user = StaffUser.findByUsername(identity.getPrincipal().getName())
                    .orElseThrow(UnauthorizedException::new);
            member = new StaffMember(user.username, user.roleSet(), user.functionCode, user.unitCode, user.email);
        }
        return member;
    }
}
