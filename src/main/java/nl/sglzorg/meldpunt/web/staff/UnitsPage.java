package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.PreconditionFailedException;
import nl.sglzorg.meldpunt.directory.UnitRequest;
import nl.sglzorg.meldpunt.directory.UnitService;
import nl.sglzorg.meldpunt.directory.UnitView;
import nl.sglzorg.meldpunt.web.FormErrors;
import nl.sglzorg.meldpunt.web.Pages;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code /beheer/organisatie/eenheden}: SGL's units and their managers, who get the escalations of
 * their unit. All staff may read them, as in the API; communicatie adds and changes them through
 * {@link UnitService}.
 */
@Path("/beheer/organisatie/eenheden")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class UnitsPage {

    private static final Map<String, String> LABELS = FunctionsPage.labels("code", "Code", "name", "Naam",
            "region", "Regio", "managerName", "Naam van de leidinggevende",
            "managerEmail", "E-mailadres van de leidinggevende");

    @Inject
    StaffPages pages;

    @Inject
    DirectoryPages directory;

    @Inject
    UnitService units;

    @Inject
    @Location("web/staff/units.html")
    Template list;

    @Inject
    @Location("web/staff/units-form.html")
    Template form;

    /** The unit form as typed. */
    @TemplateData
    public record UnitForm(String code, String name, String region, String managerName, String managerEmail,
            String version) {
    }

    @GET
    public RestResponse<TemplateInstance> list(@RestQuery String opgeslagen) {
        return Pages.ok(pages.page(list, StaffPages.Section.DIRECTORY).data("units", units.list())
                .data("mayChange", directory.mayChange())
                .data("flash", opgeslagen == null ? null : "De eenheid is opgeslagen."));
    }

    @GET
    @Path("/nieuw")
    public RestResponse<TemplateInstance> newUnit() {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        return Pages.ok(formPage(new UnitForm("", "", "", "", "", ""), true, FormErrors.none(), null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> create(@RestForm String code, @RestForm String name, @RestForm String region,
            @RestForm String managerName, @RestForm String managerEmail) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        UnitForm typed = new UnitForm(code, name, region, managerName, managerEmail, "");
        UnitView unit;
        try {
            unit = units.create(request(typed, Text.blankToNull(code)));
        } catch (InvalidInputException e) {
            return Pages.status(400, formPage(typed, true, DirectoryPages.errors(e, LABELS, "name"), null));
        } catch (ConflictException e) {
            return Pages.status(409, formPage(typed, true,
                    FormErrors.none().add("code", "Code: deze eenheid bestaat al. Kies een andere code."), null));
        }
        return DirectoryPages.seeOther("/beheer/organisatie/eenheden?opgeslagen=" + unit.code());
    }

    @GET
    @Path("/{code}")
    public RestResponse<TemplateInstance> unit(@RestPath String code) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        UnitView unit = units.get(code);
        return Pages.ok(formPage(new UnitForm(unit.code(), unit.name(), unit.region(), unit.managerName(),
                unit.managerEmail(), Long.toString(unit.version())), false, FormErrors.none(), null));
    }

    @POST
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> update(@RestPath String code, @RestForm String name, @RestForm String region,
            @RestForm String managerName, @RestForm String managerEmail, @RestForm String version) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        UnitForm typed = new UnitForm(code, name, region, managerName, managerEmail, version);
        UnitView current = units.get(code);
        try {
            units.put(code, FunctionsPage.required(version), request(typed, null));
        } catch (InvalidInputException e) {
            return Pages.status(400, formPage(typed, false, DirectoryPages.errors(e, LABELS, "name"), null));
        } catch (PreconditionFailedException e) {
            UnitForm again = new UnitForm(code, name, region, managerName, managerEmail,
                    Long.toString(current.version()));
            return Pages.status(409, formPage(again, false, FormErrors.none(), DirectoryPages.STALE));
        }
        return DirectoryPages.seeOther("/beheer/organisatie/eenheden?opgeslagen=" + code);
    }

    private TemplateInstance formPage(UnitForm typed, boolean isNew, FormErrors errors, String stale) {
        return pages.page(form, StaffPages.Section.DIRECTORY).data("form", typed).data("isNew", isNew)
                .data("errors", errors).data("stale", stale);
    }

    /** No such unit: {@code 404}, the list of units with a line saying so. */
    @ServerExceptionMapper
    RestResponse<TemplateInstance> notFound(NotFoundException e) {
        return Pages.status(404, pages.page(list, StaffPages.Section.DIRECTORY).data("units", units.list())
                .data("mayChange", directory.mayChange()).data("flash", null)
                .data("problem", "Deze eenheid bestaat niet (meer)."));
    }

    private static UnitRequest request(UnitForm form, String code) {
        return new UnitRequest(code, form.name(), form.region(), form.managerName(),
                Text.blankToNull(form.managerEmail()));
    }
}
