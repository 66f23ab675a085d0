package nl.sglzorg.meldpunt.directory;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

/** Staff accounts, kept by communicatie; the rules are {@link UserService}'s. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COMMUNICATIE)
public class UserResource {

    @Inject
    UserService users;

    @GET
    public List<UserView> list() {
        return users.list();
    }

    @GET
    @Path("/{username}")
    public RestResponse<UserView> get(@RestPath String username) {
        UserView user = users.get(username);
        return RestResponse.ResponseBuilder.ok(user).tag(Versions.etag(user.version())).build();
    }

    @POST
    public RestResponse<UserView> create(@NotNull @Valid UserRequest request) {
        UserView user = users.create(request);
        return RestResponse.ResponseBuilder.<UserView>created(URI.create("/api/users/" + user.username()))
                .entity(user).tag(Versions.etag(user.version())).build();
    }

    @PUT
    @Path("/{username}")
    public RestResponse<UserView> update(@RestPath String username, @RestHeader("If-Match") String ifMatch,
            @NotNull @Valid UserRequest request) {
        UserView user = users.update(username, ifMatch, request);
        return RestResponse.ResponseBuilder.ok(user).tag(Versions.etag(user.version())).build();
    }
}
