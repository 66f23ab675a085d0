package nl.sglzorg.meldpunt.routing;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import nl.sglzorg.meldpunt.common.web.Versions;
import nl.sglzorg.meldpunt.kernel.Roles;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The accounts table of the policy: published to everyone, kept by communicatie. The officials of
 * each function (names, e-mail addresses) are for staff only. The rules are {@link AccountsTableService}'s.
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
        return accountsTable.functions(isStaff());
    }

    @GET
    @Path("/{code}")
    @PermitAll
    public RestResponse<FunctionView> get(@RestPath String code) {
        FunctionView function = accountsTable.function(code, isStaff());
        return RestResponse.ResponseBuilder.ok(function).tag(Versions.etag(function.version())).build();
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<FunctionView> put(@RestPath String code, @RestHeader("If-Match") String ifMatch,
            @NotNull @Valid FunctionRequest request) {
        AccountsTableService.SavedFunction saved = accountsTable.put(code, ifMatch, request, actor());
        FunctionView function = saved.function();
        RestResponse.ResponseBuilder<FunctionView> response = saved.created()
                ? RestResponse.ResponseBuilder.<FunctionView>created(URI.create("/api/functions/" + code))
                : RestResponse.ResponseBuilder.ok();
        return response.entity(function).tag(Versions.etag(function.version())).build();
    }

    @GET
    @Path("/{code}/contacts")
    @RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
    public List<ContactView> contacts(@RestPath String code) {
        return accountsTable.contacts(code);
    }

    @GET
    @Path("/{code}/contacts/{id}")
    @RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
    public RestResponse<ContactView> contact(@RestPath String code, @RestPath long id) {
        ContactView contact = accountsTable.contact(code, id);
        return RestResponse.ResponseBuilder.ok(contact).tag(Versions.etag(contact.version())).build();
    }

    @POST
    @Path("/{code}/contacts")
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<ContactView> addContact(@RestPath String code, @NotNull @Valid ContactRequest request) {
        ContactView contact = accountsTable.addContact(code, request, actor());
        return RestResponse.ResponseBuilder
                .<ContactView>created(URI.create("/api/functions/" + code + "/contacts/" + contact.id()))
                .entity(contact).tag(Versions.etag(contact.version())).build();
    }

    @PUT
    @Path("/{code}/contacts/{id}")
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<ContactView> updateContact(@RestPath String code, @RestPath long id,
            @RestHeader("If-Match") String ifMatch, @NotNull @Valid ContactRequest request) {
        ContactView contact = accountsTable.updateContact(code, id, ifMatch, request, actor());
        return RestResponse.ResponseBuilder.ok(contact).tag(Versions.etag(contact.version())).build();
    }

    @DELETE
    @Path("/{code}/contacts/{id}")
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<Void> deleteContact(@RestPath String code, @RestPath long id,
            @RestHeader("If-Match") String ifMatch) {
        accountsTable.deleteContact(code, id, ifMatch, actor());
        return RestResponse.noContent();
    }

    private boolean isStaff() {
        return !identity.isAnonymous();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
