package nl.sglzorg.meldpunt.directory;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.web.SecurityEvents;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.routing.OfficialFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who a person signed in by the organisation's provider is in Meldpunt: the staff account with their
 * e-mail address. Groups mapped in {@code meldpunt.oidc.groups} create that account, or set its roles,
 * function and unit, at every sign-in, and take them when its person is in none of them any more; an
 * account no group ever changed keeps the roles communicatie gave it. A disabled account stays refused
 * whatever the groups say, and an address without an account and without a mapped group is refused,
 * never given one.
 */
@ApplicationScoped
public class ProviderSignIn {

    /** Longest user name ({@code UserRequest.USERNAME}) less room for a "-99" to tell two apart. */
    private static final int NAME_ROOM = 46;

    @Inject
    MeldpuntConfig config;

    /** Set by {@link OidcSwitch}: whether a provider is named. */
    @ConfigProperty(name = "quarkus.oidc." + OidcSwitch.SIGN_IN_TENANT + ".tenant-enabled", defaultValue = "false")
    boolean enabled;

    private GroupMappings mappings;

    @PostConstruct
    void init() {
        mappings = GroupMappings.parse(config.oidc().groups().orElse(List.of()));
    }

    /** Made at start, so a mapping that cannot be applied stops the start, not the first sign-in. */
    void onStart(@Observes StartupEvent event) {
        // Observing the event creates the bean, which reads the setting.
    }

    /**
     * The signed-in staff member this person is; refused with the reason otherwise. A refusal keeps what
     * was changed before it: the roles taken from someone in no mapped group any more.
     */
    @Transactional(dontRollbackOn = ProviderSignInRefused.class)
    public StaffMember signIn(ProviderPerson person) {
        if (person.email() == null) {
            throw refused(ProviderSignInRefused.Reason.NO_ADDRESS, "-");
        }
        GroupMappings.Grant grant = applicable(mappings.grant(person.groups(), person.unit()));
        List<StaffUser> accounts = StaffUser.findByEmail(person.email());
        if (accounts.size() > 1) {
            throw refused(ProviderSignInRefused.Reason.AMBIGUOUS, person.email());
        }
        StaffUser user;
        if (accounts.isEmpty()) {
            if (grant.isEmpty()) {
                throw refused(ProviderSignInRefused.Reason.NO_ACCOUNT, person.email());
            }
            user = create(person.email(), grant);
        } else {
            user = accounts.get(0);
            if (!user.enabled) {
                throw refused(ProviderSignInRefused.Reason.DISABLED, person.email());
            }
            if (!grant.isEmpty() || user.rolesFromProvider && person.groupsSaid()) {
                // Groups that gave the account its roles take them too: someone taken out of every
                // mapped group keeps none (the last communicatie account excepted, as ever). A token
                // without the groups claim says nothing of them, and takes nothing.
                update(user, grant);
            }
            if (user.roleSet().isEmpty()) {
                throw refused(ProviderSignInRefused.Reason.NO_GROUP, person.email());
            }
        }
        return new StaffMember(user.username, user.roleSet(), user.functionCode, user.unitCode, user.email);
    }

    /** The grant less a function or unit Meldpunt does not know (and the role that needs it). */
    private static GroupMappings.Grant applicable(GroupMappings.Grant grant) {
        Set<String> roles = new TreeSet<>(grant.roles());
        String function = grant.function();
        String unit = grant.unit();
        if (function != null && OfficialFunction.findById(function) == null) {
            SecurityEvents.log("provider-group-unknown-function", "function=" + function);
            roles.remove(Roles.FUNCTIONARIS);
            function = null;
        }
        if (unit != null && Unit.findById(unit) == null) {
            SecurityEvents.log("provider-group-unknown-unit", "unit=" + SecurityEvents.pseudonym(unit));
            roles.remove(Roles.LEIDINGGEVENDE);
            unit = null;
        }
        return new GroupMappings.Grant(roles, function, unit);
    }

    private StaffUser create(String email, GroupMappings.Grant grant) {
        StaffUser user = new StaffUser();
        user.username = freeUsername(email);
        user.email = email;
        // Nobody knows this password: the account signs in through the provider only.
        user.setPassword(randomSecret());
        user.setRoles(grant.roles());
        user.functionCode = grant.function();
        user.unitCode = grant.unit();
        user.rolesFromProvider = true;
        user.persistAndFlush();
        SecurityEvents.log("provider-account-created", "user=" + SecurityEvents.pseudonym(user.username)
                + " roles=" + user.roles);
        return user;
    }

    private static void update(StaffUser user, GroupMappings.Grant grant) {
        user.rolesFromProvider = true;
        Set<String> roles = new TreeSet<>(grant.roles());
        if (user.roleSet().contains(Roles.COMMUNICATIE) && !roles.contains(Roles.COMMUNICATIE)
                && StaffUser.lockAndCountWithRole(Roles.COMMUNICATIE) <= 1) {
            // The last communicatie account keeps its role, as when communicatie edits it by hand.
            Log.warn("Provider groups would take the role communicatie from its last account; it keeps it");
            roles.add(Roles.COMMUNICATIE);
        }
        if (roles.equals(user.roleSet()) && Objects.equals(grant.function(), user.functionCode)
                && Objects.equals(grant.unit(), user.unitCode)) {
            return;
        }
        user.setRoles(roles);
        user.functionCode = grant.function();
        user.unitCode = grant.unit();
        SecurityEvents.log("provider-account-updated", "user=" + SecurityEvents.pseudonym(user.username)
                + " roles=" + user.roles);
    }

    /** The address' local part as a user name ({@code j.jansen}), with a number when it is taken. */
    private static String freeUsername(String email) {
        String local = email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
        if (local.length() > NAME_ROOM) {
            local = local.substring(0, NAME_ROOM);
        }
        while (local.length() < 3) {
            local = local + "0";
        }
        String candidate = local;
        for (int n = 2; StaffUser.findByUsername(candidate).isPresent(); n++) {
            candidate = local + "-" + n;
        }
        return candidate;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ProviderSignInRefused refused(ProviderSignInRefused.Reason reason, String email) {
        SecurityEvents.log("provider-sign-in-refused", "reason=" + reason.name().toLowerCase(Locale.ROOT)
                + " user=" + SecurityEvents.pseudonym(email));
        return new ProviderSignInRefused(reason);
    }

    /** Whether staff can sign in with the organisation's account: a provider is configured. */
    public boolean enabled() {
        return enabled;
    }
}
