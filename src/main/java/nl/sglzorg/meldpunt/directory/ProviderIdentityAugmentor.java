package nl.sglzorg.meldpunt.directory;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.persistence.PersistenceException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.text.EmailAddress;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Makes a person signed in by the organisation's provider (a token quarkus-oidc has checked) the
 * Meldpunt staff member {@link ProviderSignIn} says they are, exactly as HTTP Basic does for a
 * password: principal the user name, roles from the account, and the {@link StaffMember} in
 * {@link StaffIdentityProvider#STAFF_MEMBER}. The provider's own roles and groups give nothing by
 * themselves. A bearer token of someone Meldpunt refuses is {@code 403}; on the code-flow tenant's
 * sign-in page the refusal is kept in {@link #REFUSED} for the page to explain.
 */
@ApplicationScoped
public class ProviderIdentityAugmentor implements SecurityIdentityAugmentor {

    /** On a code-flow identity Meldpunt refused: the {@link ProviderSignInRefused.Reason}. */
    public static final String REFUSED = "meldpunt.provider-sign-in-refused";
    /** The attribute quarkus-oidc names the identity's tenant with. */
    static final String TENANT = "tenant-id";
    /** OpenID Connect's address claim, and the claim that says whether the provider checked it. */
    private static final String EMAIL = "email";
    private static final String EMAIL_VERIFIED = "email_verified";

    @Inject
    ProviderSignIn signIn;

    @Inject
    MeldpuntConfig config;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                || identity.getAttribute(StaffIdentityProvider.STAFF_MEMBER) != null) {
            return Uni.createFrom().item(identity);
        }
        ProviderPerson person = person(token);
        boolean signInPage = OidcSwitch.SIGN_IN_TENANT.equals(identity.getAttribute(TENANT));
        return context.runBlocking(() -> {
            try {
                return staffIdentity(identity, signInOnce(person));
            } catch (ProviderSignInRefused refused) {
                if (!signInPage) {
                    throw refused;
                }
                return QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal())
                        .addCredentials(identity.getCredentials()).addAttributes(identity.getAttributes())
                        .addAttribute(REFUSED, refused.reason()).build();
            }
        });
    }

    /** Two first sign-ins of one person at once: one creates the account, the other finds it. */
    private StaffMember signInOnce(ProviderPerson person) {
        try {
            return signIn.signIn(person);
        } catch (PersistenceException raced) {
            return signIn.signIn(person);
        }
    }

    private static SecurityIdentity staffIdentity(SecurityIdentity identity, StaffMember member) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(member.username()))
                .addRoles(member.roles())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addAttribute(StaffIdentityProvider.STAFF_MEMBER, member)
                .build();
    }

    /**
     * The person the token names, by the configured claims. The {@code email} claim does not count when
     * the token says {@code email_verified: false}: at a provider where people may edit their own address
     * (Keycloak's account console, by default), it would let anyone take the account of an address
     * nobody at the provider holds (until session 32). A token without {@code email_verified} (Entra ID
     * sends none; its addresses are set by administrators) is read as before.
     */
    ProviderPerson person(JsonWebToken token) {
        MeldpuntConfig.Oidc oidc = config.oidc();
        boolean unverified = "false".equals(text(token.getClaim(EMAIL_VERIFIED)));
        String email = null;
        for (String claim : oidc.emailClaims()) {
            if (unverified && EMAIL.equals(claim.strip())) {
                continue;
            }
            String value = text(token.getClaim(claim.strip()));
            if (value != null && EmailAddress.isValid(value)) {
                email = value;
                break;
            }
        }
        String unit = oidc.unitClaim().map(claim -> text(token.getClaim(claim.strip()))).orElse(null);
        // By its name: the token reads a standard "groups" claim it does not carry as an empty list.
        boolean groupsSaid = token.getClaimNames() != null && token.getClaimNames().contains(oidc.groupsClaim());
        return new ProviderPerson(email, strings(token.getClaim(oidc.groupsClaim())), unit, groupsSaid);
    }

    /** A claim's text: a JSON string arrives as a {@code JsonString}, whose toString() keeps the quotes. */
    private static String text(Object claim) {
        if (claim == null) {
            return null;
        }
        String value = claim instanceof JsonString json ? json.getString() : claim.toString();
        return value.isBlank() ? null : value.strip();
    }

    /** A claim's values: a list, or one string. */
    private static Set<String> strings(Object claim) {
        Set<String> values = new HashSet<>();
        if (claim instanceof Collection<?> list) {
            for (Object element : list) {
                String value = text(element);
                if (value != null) {
                    values.add(value);
                }
            }
        } else {
            String value = text(claim);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }
}
