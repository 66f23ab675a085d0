package nl.sglzorg.meldpunt.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import jakarta.ws.rs.NotFoundException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.RequestChecks;
import nl.sglzorg.meldpunt.common.web.Versions;
import nl.sglzorg.meldpunt.common.web.Violations;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.routing.OfficialFunction;

/**
 * Staff accounts as communicatie keeps them, through the API and the staff desk: who may have which
 * role, and that there is always someone left with the role communicatie.
 */
@ApplicationScoped
public class UserService {

    @Inject
    Validator validator;

    @Inject
    StaffSessions sessions;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UserView> list() {
        return StaffUser.<StaffUser>list("order by username").stream().map(UserView::of).toList();
    }

    /** One account, or {@link NotFoundException}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public UserView get(String username) {
        return UserView.of(StaffUser.findByUsername(username).orElseThrow(NotFoundException::new));
    }

    /** Adds an account; username and password are required and the username must be new. */
    @Transactional
    public UserView create(UserRequest request) {
        Violations violations = RequestChecks.of(validator, request);
        if (request.username() == null) {
            violations.add("username", "verplicht");
        }
        if (request.password() == null) {
            violations.add("password", "verplicht");
        }
        if (violations.isEmpty() && StaffUser.findByUsername(request.username()).isPresent()) {
            throw new ConflictException("Gebruiker " + request.username() + " bestaat al.");
        }
        StaffUser user = new StaffUser();
        user.username = request.username();
        apply(user, request, violations);
        user.persistAndFlush();
        return UserView.of(user);
    }

    /**
     * Changes an account: a missing password keeps the current one, a missing {@code enabled} the
     * current state. {@code ifMatch} is the version the editor saw.
     */
    @Transactional
    public UserView update(String username, String ifMatch, UserRequest request) {
        Violations violations = RequestChecks.of(validator, request);
        if (request.username() != null && !request.username().equals(username)) {
            throw new InvalidInputException("username", "wijkt af van de gebruikersnaam in het pad");
        }
        StaffUser user = StaffUser.findByUsername(username).orElseThrow(NotFoundException::new);
        Versions.checkIfMatch(ifMatch, user.version);
        boolean wasCommunicatie = user.enabled && user.roleSet().contains(Roles.COMMUNICATIE);
        // Counted before apply(): the query would otherwise flush this very change first. The
        // count locks those users, so two demotions at once cannot both pass.
        long communicatieUsers = wasCommunicatie ? StaffUser.lockAndCountWithRole(Roles.COMMUNICATIE) : 0;
        apply(user, request, violations);
        boolean stillCommunicatie = user.enabled && user.roleSet().contains(Roles.COMMUNICATIE);
        if (wasCommunicatie && !stillCommunicatie && communicatieUsers <= 1) {
            throw new ConflictException("Dit is de laatste gebruiker met de rol communicatie; "
                    + "geef eerst iemand anders die rol.");
        }
        user.persistAndFlush();
        if (request.password() != null || !user.enabled) {
            sessions.endAll(user.username); // a new password or a disabled account signs every browser out
        }
        return UserView.of(user);
    }

    /** Enables or disables an account, by the same rules as {@link #update}. */
    @Transactional
    public UserView setEnabled(String username, String ifMatch, boolean enabled) {
        UserView current = get(username);
        return update(username, ifMatch, new UserRequest(null, null, current.roles(), current.function(),
                current.unit(), current.email(), enabled));
    }

    /** Gives an account a new password, by the same rules as {@link #update}. */
    @Transactional
    public UserView resetPassword(String username, String ifMatch, String password) {
        UserView current = get(username);
        return update(username, ifMatch, new UserRequest(null, password, current.roles(), current.function(),
                current.unit(), current.email(), null));
    }

    /** Checks the rules, adding to what {@code violations} holds already, and throws them all or writes. */
    private static void apply(StaffUser user, UserRequest request, Violations violations) {
        Set<String> roles = request.roles() == null ? new HashSet<>() : new HashSet<>(request.roles());
        String function = Text.blankToNull(request.function());
        String unit = Text.blankToNull(request.unit());
        if (roles.contains(Roles.FUNCTIONARIS) && function == null) {
            violations.add("function", "verplicht voor een functionaris");
        } else if (function != null && OfficialFunction.findById(function) == null) {
            violations.add("function", "onbekende functie");
        }
        if (roles.contains(Roles.LEIDINGGEVENDE) && unit == null) {
            violations.add("unit", "verplicht voor een leidinggevende");
        } else if (unit != null && Unit.findById(unit) == null) {
            violations.add("unit", "onbekende eenheid");
        }
        if (request.password() != null && request.password().equalsIgnoreCase(user.username)) {
            violations.add("password", "mag niet gelijk zijn aan de gebruikersnaam");
        }
        // bcrypt reads at most 72 bytes and ignores the rest: a longer password would only seem safer.
        if (request.password() != null && StaffIdentityProvider.tooLong(request.password())) {
            violations.add("password", "hoogstens 72 bytes (UTF-8); letters met accenten tellen dubbel");
        }
        violations.throwIfAny();
        if (user.roles != null && (!roles.equals(user.roleSet()) || !Objects.equals(function, user.functionCode)
                || !Objects.equals(unit, user.unitCode))) {
            // Set by hand: the account's own now, which no group takes away until a group sets it again.
            user.rolesFromProvider = false;
        }
        user.setRoles(roles);
        user.functionCode = function;
        user.unitCode = unit;
        user.email = Text.blankToNull(request.email());
        if (request.enabled() != null) {
            user.enabled = request.enabled();
        }
        if (request.password() != null) {
            user.setPassword(request.password());
        }
    }
}
