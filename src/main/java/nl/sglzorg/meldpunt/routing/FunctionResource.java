package nl.sglzorg.meldpunt.routing;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.Versions;
import nl.sglzorg.meldpunt.common.web.Violations;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.kernel.Topic;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The accounts table of the policy: published to everyone, kept by communicatie. The officials of
 * each function (names, e-mail addresses) are for staff only.
 */
@Path("/api/functions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FunctionResource {

    @Inject
    AccountsTableService accountsTable;

    @Inject
    SecurityIdentity identity;

    @GET
    @PermitAll
    public List<FunctionView> list() {
        return OfficialFunction.listInTableOrder().stream().map(f -> FunctionView.of(f, isStaff())).toList();
    }

    @GET
    @Path("/{code}")
    @PermitAll
    public RestResponse<FunctionView> get(@RestPath String code) {
        OfficialFunction function = find(code);
        return RestResponse.ResponseBuilder.ok(FunctionView.of(function, isStaff())).tag(Versions.etag(function.version)).build();
    }

    @PUT
    @Path("/{code}")
    @Transactional
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<FunctionView> put(@RestPath String code, @RestHeader("If-Match") String ifMatch,
            @NotNull @Valid FunctionRequest request) {
        DirectoryCodes.requireValid("code", code);
        // Locks the table's revision row first: edits of the table run one at a time, so two
        // functions can never claim the same topic at once.
        accountsTable.recordEdit(actor());
        OfficialFunction function = OfficialFunction.findById(code);
        if (function != null) {
            Versions.checkIfMatch(ifMatch, function.version);
        }
        Set<Platform> personal = setOf(request.personalPlatforms(), Platform.class);
        Set<Platform> provisional = setOf(request.provisionalPlatforms(), Platform.class);
        Set<Topic> topics = setOf(request.topics(), Topic.class);
        Violations violations = new Violations();
        if (!personal.containsAll(provisional)) {
            violations.add("provisionalPlatforms", "alleen platforms die ook bij personalPlatforms staan");
        }
        if (topics.contains(Topic.GENERAL) && !code.equals(AccountsTable.COMMUNICATIONS)) {
            violations.add("topics", "GENERAL hoort altijd bij COMMUNICATIONS");
        }
        violations.throwIfAny();
        for (Topic topic : topics) {
            OfficialFunction.<OfficialFunction>stream("code <> ?1", code)
                    .filter(other -> other.topics.contains(topic))
                    .findFirst()
                    .ifPresent(other -> {
                        throw new ConflictException("Onderwerp " + topic + " hoort al bij " + other.code
                                + "; haal het daar eerst weg.");
                    });
        }

        boolean created = function == null;
        if (created) {
            function = new OfficialFunction();
            function.code = code;
            function.position = OfficialFunction.<OfficialFunction>findAll().stream()
                    .mapToInt(f -> f.position).max().orElse(0) + 1;
        }
        function.name = request.name().strip();
        function.personalPlatforms = personal;
        function.corporatePlatforms = setOf(request.corporatePlatforms(), Platform.class);
        function.locationPagePlatforms = setOf(request.locationPagePlatforms(), Platform.class);
        function.provisionalPlatforms = provisional;
        function.locationPageAfterIntake = Boolean.TRUE.equals(request.locationPageAfterIntake());
        function.topics = topics;
        function.escalationManagerName = request.escalationManager() == null ? null
                : Text.blankToNull(request.escalationManager().name());
        function.escalationManagerEmail = request.escalationManager() == null ? null
                : request.escalationManager().email().strip();
        function.persistAndFlush();

        RestResponse.ResponseBuilder<FunctionView> response = created
                ? RestResponse.ResponseBuilder.<FunctionView>created(URI.create("/api/functions/" + code))
                : RestResponse.ResponseBuilder.ok();
        return response.entity(FunctionView.of(function, isStaff())).tag(Versions.etag(function.version)).build();
    }

    @GET
    @Path("/{code}/contacts")
    @RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
    public List<ContactView> contacts(@RestPath String code) {
        find(code);
        return FunctionContact.listByFunction(code).stream().map(ContactView::of).toList();
    }

    @GET
    @Path("/{code}/contacts/{id}")
    @RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
    public RestResponse<ContactView> contact(@RestPath String code, @RestPath long id) {
        FunctionContact contact = findContact(code, id);
        return RestResponse.ResponseBuilder.ok(ContactView.of(contact)).tag(Versions.etag(contact.version)).build();
    }

    @POST
    @Path("/{code}/contacts")
    @Transactional
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<ContactView> addContact(@RestPath String code, @NotNull @Valid ContactRequest request) {
        OfficialFunction function = find(code);
        FunctionContact contact = new FunctionContact();
        contact.functionCode = function.code;
        apply(function, contact, request);
        contact.persistAndFlush();
        accountsTable.recordEdit(actor());
        return RestResponse.ResponseBuilder
                .<ContactView>created(URI.create("/api/functions/" + code + "/contacts/" + contact.id))
                .entity(ContactView.of(contact)).tag(Versions.etag(contact.version)).build();
    }

    @PUT
    @Path("/{code}/contacts/{id}")
    @Transactional
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<ContactView> updateContact(@RestPath String code, @RestPath long id,
            @RestHeader("If-Match") String ifMatch, @NotNull @Valid ContactRequest request) {
        OfficialFunction function = find(code);
        FunctionContact contact = findContact(code, id);
        Versions.checkIfMatch(ifMatch, contact.version);
        apply(function, contact, request);
        contact.persistAndFlush();
        accountsTable.recordEdit(actor());
        return RestResponse.ResponseBuilder.ok(ContactView.of(contact)).tag(Versions.etag(contact.version)).build();
    }

    @DELETE
    @Path("/{code}/contacts/{id}")
    @Transactional
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<Void> deleteContact(@RestPath String code, @RestPath long id,
            @RestHeader("If-Match") String ifMatch) {
        FunctionContact contact = findContact(code, id);
        Versions.checkIfMatch(ifMatch, contact.version);
        contact.delete();
        accountsTable.recordEdit(actor());
        return RestResponse.noContent();
    }

    /** Routing finds a regional manager by region and a centre by name: those must be filled in. */
    private static void apply(OfficialFunction function, FunctionContact contact, ContactRequest request) {
        Violations violations = new Violations();
        String region = Text.blankToNull(request.region());
        String centre = Text.blankToNull(request.activityCentre());
        if (function.topics.contains(Topic.REGION) && region == null) {
            violations.add("region", "verplicht voor een functie die over regio's gaat");
        }
        if (function.topics.contains(Topic.ACTIVITY_CENTRE) && centre == null) {
            violations.add("activityCentre", "verplicht voor een functie die over activiteitencentra gaat");
        }
        violations.throwIfAny();
        contact.name = request.name().strip();
        contact.email = request.email().strip();
        contact.region = region;
        contact.activityCentre = centre;
        contact.locationPage = Boolean.TRUE.equals(request.locationPage());
    }

    private static OfficialFunction find(String code) {
        OfficialFunction function = OfficialFunction.findById(code);
        if (function == null) {
            throw new NotFoundException();
        }
        return function;
    }

    private static FunctionContact findContact(String code, long id) {
        FunctionContact contact = FunctionContact.findById(id);
        if (contact == null || !contact.functionCode.equals(code)) {
            throw new NotFoundException();
        }
        return contact;
    }

    private boolean isStaff() {
        return !identity.isAnonymous();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static <E extends Enum<E>> Set<E> setOf(List<E> values, Class<E> type) {
        return values == null || values.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(values);
    }
}
