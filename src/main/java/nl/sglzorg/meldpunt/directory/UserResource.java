package nl.sglzorg.meldpunt.directory;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.Versions;
import nl.sglzorg.meldpunt.common.web.Violations;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.routing.OfficialFunction;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Staff accounts, kept by communicatie. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COMMUNICATIE)
public class UserResource {

    @Inject
    StaffSessions sessions;

    @GET
    public List<UserView> list() {
        return StaffUser.<StaffUser>list("order by username").stream().map(UserView::of).toList();
    }

    @GET
    @Path("/{username}")
    public RestResponse<UserView> get(@RestPath String username) {
        StaffUser user = StaffUser.findByUsername(username).orElseThrow(NotFoundException::new);
        return RestResponse.ResponseBuilder.ok(UserView.of(user)).tag(Versions.etag(user.version)).build();
    }

    @POST
    @Transactional
    public RestResponse<UserView> create(@NotNull @Valid UserRequest request) {
        Violations violations = new Violations();
        if (request.username() == null) {
            violations.add("username", "verplicht");
        }
        if (request.password() == null) {
            violations.add("password", "verplicht");
        }
        violations.throwIfAny();
        if (StaffUser.findByUsername(request.username()).isPresent()) {
            throw new ConflictException("Gebruiker " + request.username() + " bestaat al.");
        }
        StaffUser user = new StaffUser();
        user.username = request.username();
        apply(user, request);
        user.persistAndFlush();
        return RestResponse.ResponseBuilder.<UserView>created(URI.create("/api/users/" + user.username))
                .entity(UserView.of(user)).tag(Versions.etag(user.version)).build();
    }

    @PUT
    @Path("/{username}")
    @Transactional
    public RestResponse<UserView> update(@RestPath String username, @RestHeader("If-Match") String ifMatch,
            @NotNull @Valid UserRequest request) {
        if (request.username() != null && !request.username().equals(username)) {
            throw new InvalidInputException("username", "wijkt af van de gebruikersnaam in het pad");
        }
        StaffUser user = StaffUser.findByUsername(username).orElseThrow(NotFoundException::new);
        Versions.checkIfMatch(ifMatch, user.version);
        boolean wasCommunicatie = user.enabled && user.roleSet().contains(Roles.COMMUNICATIE);
        // Counted before apply(): the query would otherwise flush this very change first. The
        // count locks those users, so two demotions at once cannot both pass.
        long communicatieUsers = wasCommunicatie ? StaffUser.lockAndCountWithRole(Roles.COMMUNICATIE) : 0;
        apply(user, request);
        boolean stillCommunicatie = user.enabled && user.roleSet().contains(Roles.COMMUNICATIE);
        if (wasCommunicatie && !stillCommunicatie && communicatieUsers <= 1) {
            throw new ConflictException("Dit is de laatste gebruiker met de rol communicatie; "
                    + "geef eerst iemand anders die rol.");
        }
        user.persistAndFlush();
        if (request.password() != null || !user.enabled) {
            sessions.endAll(user.username); // a new password or a disabled account signs every browser out
        }
        return RestResponse.ResponseBuilder.ok(UserView.of(user)).tag(Versions.etag(user.version)).build();
    }

    private static void apply(StaffUser user, UserRequest request) {
        Set<String> roles = new HashSet<>(request.roles());
        Violations violations = new Violations();
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
