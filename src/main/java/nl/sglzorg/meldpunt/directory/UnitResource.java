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

/** The units of SGL and their managers: read by all staff, kept by communicatie ({@link UnitService}). */
@Path("/api/units")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
public class UnitResource {

    @Inject
    UnitService units;

    @GET
    public List<UnitView> list() {
        return units.list();
    }

    @GET
    @Path("/{code}")
    public RestResponse<UnitView> get(@RestPath String code) {
        UnitView unit = units.get(code);
        return RestResponse.ResponseBuilder.ok(unit).tag(Versions.etag(unit.version())).build();
    }

    @POST
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<UnitView> create(@NotNull @Valid UnitRequest request) {
        UnitView unit = units.create(request);
        return RestResponse.ResponseBuilder.<UnitView>created(URI.create("/api/units/" + unit.code()))
                .entity(unit).tag(Versions.etag(unit.version())).build();
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<UnitView> put(@RestPath String code, @RestHeader("If-Match") String ifMatch,
            @NotNull @Valid UnitRequest request) {
        UnitService.SavedUnit saved = units.put(code, ifMatch, request);
        RestResponse.ResponseBuilder<UnitView> response = saved.created()
                ? RestResponse.ResponseBuilder.<UnitView>created(URI.create("/api/units/" + code))
                : RestResponse.ResponseBuilder.ok();
        return response.entity(saved.unit()).tag(Versions.etag(saved.unit().version())).build();
    }
}
