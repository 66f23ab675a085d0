package nl.sglzorg.meldpunt.directory;

import jakarta.annotation.security.RolesAllowed;
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
import java.util.List;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.Versions;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.routing.DirectoryCodes;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** The units of SGL and their managers: read by all staff, kept by communicatie. */
@Path("/api/units")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
public class UnitResource {

    @GET
    public List<UnitView> list() {
        return Unit.listByCode().stream().map(UnitView::of).toList();
    }

    @GET
    @Path("/{code}")
    public RestResponse<UnitView> get(@RestPath String code) {
        Unit unit = find(code);
        return RestResponse.ResponseBuilder.ok(UnitView.of(unit)).tag(Versions.etag(unit.version)).build();
    }

    @POST
    @Transactional
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<UnitView> create(@NotNull @Valid UnitRequest request) {
        if (request.code() == null) {
            throw new InvalidInputException("code", "verplicht");
        }
        if (Unit.findById(request.code()) != null) {
            throw new ConflictException("Eenheid " + request.code() + " bestaat al; wijzig haar met PUT.");
        }
        Unit unit = new Unit();
        unit.code = request.code();
        apply(unit, request);
        unit.persistAndFlush();
        return RestResponse.ResponseBuilder.<UnitView>created(URI.create("/api/units/" + unit.code))
                .entity(UnitView.of(unit)).tag(Versions.etag(unit.version)).build();
    }

    @PUT
    @Path("/{code}")
    @Transactional
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<UnitView> put(@RestPath String code, @RestHeader("If-Match") String ifMatch,
            @NotNull @Valid UnitRequest request) {
        DirectoryCodes.requireValid("code", code);
        if (request.code() != null && !request.code().equals(code)) {
            throw new InvalidInputException("code", "wijkt af van de code in het pad");
        }
        Unit unit = Unit.findById(code);
        boolean created = unit == null;
        if (created) {
            unit = new Unit();
            unit.code = code;
        } else {
            Versions.checkIfMatch(ifMatch, unit.version);
        }
        apply(unit, request);
        unit.persistAndFlush();
        RestResponse.ResponseBuilder<UnitView> response = created
                ? RestResponse.ResponseBuilder.<UnitView>created(URI.create("/api/units/" + code))
                : RestResponse.ResponseBuilder.ok();
        return response.entity(UnitView.of(unit)).tag(Versions.etag(unit.version)).build();
    }

    private static Unit find(String code) {
        Unit unit = Unit.findById(code);
        if (unit == null) {
            throw new NotFoundException();
        }
        return unit;
    }

    private static void apply(Unit unit, UnitRequest request) {
        unit.name = request.name().strip();
        unit.region = Text.blankToNull(request.region());
        unit.managerName = Text.blankToNull(request.managerName());
        unit.managerEmail = Text.blankToNull(request.managerEmail());
    }
}
