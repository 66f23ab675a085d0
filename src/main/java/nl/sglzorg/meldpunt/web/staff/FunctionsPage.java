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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.PreconditionFailedException;
import nl.sglzorg.meldpunt.directory.CurrentStaff;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Topic;
import nl.sglzorg.meldpunt.routing.AccountsTableService;
import nl.sglzorg.meldpunt.routing.ContactRequest;
import nl.sglzorg.meldpunt.routing.ContactView;
import nl.sglzorg.meldpunt.routing.FunctionRequest;
import nl.sglzorg.meldpunt.routing.FunctionView;
import nl.sglzorg.meldpunt.web.Choice;
import nl.sglzorg.meldpunt.web.FormErrors;
import nl.sglzorg.meldpunt.web.Pages;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code /beheer/organisatie}: the accounts table (which function answers on which platform, about
 * which topics, and who its officials are). All staff may read it, as in the API; communicatie keeps
 * it. Every write goes through {@link AccountsTableService}, so the next signal routes by the new table.
 */
@Path("/beheer/organisatie")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class FunctionsPage {

    static final String BASE = "/beheer/organisatie";

    private static final Map<String, String> FUNCTION_LABELS = labels(
            "code", "Code", "name", "Naam",
            "personalPlatforms", "Persoonlijke accounts", "corporatePlatforms", "Bedrijfsaccounts",
            "locationPagePlatforms", "Locatiepagina's", "provisionalPlatforms", "Voorlopig via persoonlijke accounts",
            "topics", "Onderwerpen", "escalationManager.name", "Naam van de leidinggevende",
            "escalationManager.email", "E-mailadres van de leidinggevende");
    private static final Map<String, String> CONTACT_LABELS = labels(
            "name", "Naam", "email", "E-mailadres", "region", "Regio", "activityCentre", "Activiteitencentrum");

    @Inject
    StaffPages pages;

    @Inject
    DirectoryPages directory;

    @Inject
    CurrentStaff staff;

    @Inject
    AccountsTableService accountsTable;

    @Inject
    @Location("web/staff/functions.html")
    Template table;

    @Inject
    @Location("web/staff/functions-form.html")
    Template functionForm;

    @Inject
    @Location("web/staff/functions-contact.html")
    Template contactForm;

    /** A row of the table as the page shows it. */
    @TemplateData
    public record Row(String code, String name, String respondVia, String topics, List<String> contacts) {
    }

    /** The function form as typed. */
    @TemplateData
    public record FunctionForm(String code, String name, List<Choice> personal, List<Choice> corporate,
            List<Choice> locationPage, List<Choice> provisional, boolean afterIntake, List<Choice> topics,
            String managerName, String managerEmail, String version) {
    }

    /** The contact form as typed. */
    @TemplateData
    public record ContactForm(String name, String email, String region, String activityCentre, boolean locationPage,
            String version) {
    }

    /** A line of the table's history: its revision, when, by whom, what changed. */
    @TemplateData
    public record Revision(long revision, String at, String by, String what) {
    }

    /** How many of the newest revisions the page lists. */
    static final int HISTORY_SHOWN = 20;

    @GET
    public RestResponse<TemplateInstance> table(@RestQuery String opgeslagen) {
        return Pages.ok(tablePage().data("flash", opgeslagen == null ? null : "De functie is opgeslagen."));
    }

    /** The table of functions with its history, as every answer that shows it has them. */
    private TemplateInstance tablePage() {
        List<Row> rows = accountsTable.functions(true).stream().map(this::row).toList();
        List<Revision> history = accountsTable.history(HISTORY_SHOWN).stream()
                .map(e -> new Revision(e.revision, pages.format(e.changedAt), e.changedBy, e.description)).toList();
        return pages.page(table, StaffPages.Section.DIRECTORY).data("rows", rows).data("history", history)
                .data("mayChange", directory.mayChange());
    }

    @GET
    @Path("/functies/nieuw")
    public RestResponse<TemplateInstance> newFunction() {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        return Pages.ok(functionPage(form(null), true, List.of(), FormErrors.none(), null));
    }

    @POST
    @Path("/functies")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> create(@RestForm String code, @RestForm String name,
            @RestForm List<String> personalPlatforms, @RestForm List<String> corporatePlatforms,
            @RestForm List<String> locationPagePlatforms, @RestForm List<String> provisionalPlatforms,
            @RestForm String locationPageAfterIntake, @RestForm List<String> topics,
            @RestForm("escalationManager.name") String managerName,
            @RestForm("escalationManager.email") String managerEmail) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        String typedCode = code == null ? "" : code.strip();
        FunctionForm typed = typed(typedCode, name, personalPlatforms, corporatePlatforms, locationPagePlatforms,
                provisionalPlatforms, locationPageAfterIntake, topics, managerName, managerEmail, null);
        if (typedCode.isEmpty()) {
            return Pages.status(400, functionPage(typed, true, List.of(),
                    FormErrors.none().add("code", "Vul de code in."), null));
        }
        try {
            accountsTable.create(typedCode, request(typed), staff.get().username());
        } catch (InvalidInputException e) {
            return Pages.status(400, functionPage(typed, true, List.of(),
                    DirectoryPages.errors(e, FUNCTION_LABELS, "name"), null));
        } catch (ConflictException e) {
            return Pages.status(409, functionPage(typed, true, List.of(), conflict(e), null));
        }
        return DirectoryPages.seeOther(BASE + "/functies/" + typedCode + "?opgeslagen");
    }

    @GET
    @Path("/functies/{code}")
    public RestResponse<TemplateInstance> function(@RestPath String code, @RestQuery String opgeslagen,
            @RestQuery String contact) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        FunctionView function = accountsTable.function(code, true);
        String flash = opgeslagen != null ? "De functie is opgeslagen."
                : "opgeslagen".equals(contact) ? "De contactpersoon is opgeslagen."
                : "verwijderd".equals(contact) ? "De contactpersoon is verwijderd." : null;
        return Pages.ok(functionPage(form(function), false, accountsTable.contacts(code), FormErrors.none(), null)
                .data("flash", flash));
    }

    @POST
    @Path("/functies/{code}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> update(@RestPath String code, @RestForm String name,
            @RestForm List<String> personalPlatforms, @RestForm List<String> corporatePlatforms,
            @RestForm List<String> locationPagePlatforms, @RestForm List<String> provisionalPlatforms,
            @RestForm String locationPageAfterIntake, @RestForm List<String> topics,
            @RestForm("escalationManager.name") String managerName,
            @RestForm("escalationManager.email") String managerEmail, @RestForm String version) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        FunctionView current = accountsTable.function(code, true);
        FunctionForm typed = typed(code, name, personalPlatforms, corporatePlatforms, locationPagePlatforms,
                provisionalPlatforms, locationPageAfterIntake, topics, managerName, managerEmail, version);
        List<ContactView> contacts = accountsTable.contacts(code);
        try {
            accountsTable.put(code, required(version), request(typed), staff.get().username());
        } catch (InvalidInputException e) {
            return Pages.status(400, functionPage(typed, false, contacts,
                    DirectoryPages.errors(e, FUNCTION_LABELS, "name"), null));
        } catch (PreconditionFailedException e) {
            FunctionForm again = typed(code, name, personalPlatforms, corporatePlatforms, locationPagePlatforms,
                    provisionalPlatforms, locationPageAfterIntake, topics, managerName, managerEmail,
                    Long.toString(current.version()));
            return Pages.status(409, functionPage(again, false, contacts, FormErrors.none(), DirectoryPages.STALE));
        } catch (ConflictException e) {
            return Pages.status(409, functionPage(typed, false, contacts, conflict(e), null));
        }
        return DirectoryPages.seeOther(BASE + "/functies/" + code + "?opgeslagen");
    }

    @GET
    @Path("/functies/{code}/contactpersonen/nieuw")
    public RestResponse<TemplateInstance> newContact(@RestPath String code) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        FunctionView function = accountsTable.function(code, true);
        return Pages.ok(contactPage(function, null, new ContactForm("", "", "", "", false, ""), FormErrors.none(),
                null));
    }

    @POST
    @Path("/functies/{code}/contactpersonen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> addContact(@RestPath String code, @RestForm String name,
            @RestForm String email, @RestForm String region, @RestForm String activityCentre,
            @RestForm String locationPage) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        ContactForm typed = new ContactForm(name, email, region, activityCentre, locationPage != null, "");
        FunctionView function = accountsTable.function(code, true);
        try {
            accountsTable.addContact(code, request(typed), staff.get().username());
        } catch (InvalidInputException e) {
            return Pages.status(400, contactPage(function, null, typed,
                    DirectoryPages.errors(e, CONTACT_LABELS, "name"), null));
        }
        return DirectoryPages.seeOther(BASE + "/functies/" + code + "?contact=opgeslagen");
    }

    @GET
    @Path("/functies/{code}/contactpersonen/{id}")
    public RestResponse<TemplateInstance> contact(@RestPath String code, @RestPath long id) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        FunctionView function = accountsTable.function(code, true);
        return Pages.ok(contactPage(function, id, contactForm(accountsTable.contact(code, id)), FormErrors.none(),
                null));
    }

    @POST
    @Path("/functies/{code}/contactpersonen/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> updateContact(@RestPath String code, @RestPath long id,
            @RestForm String name, @RestForm String email, @RestForm String region, @RestForm String activityCentre,
            @RestForm String locationPage, @RestForm String version) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        ContactForm typed = new ContactForm(name, email, region, activityCentre, locationPage != null, version);
        FunctionView function = accountsTable.function(code, true);
        try {
            accountsTable.updateContact(code, id, required(version), request(typed), staff.get().username());
        } catch (InvalidInputException e) {
            return Pages.status(400, contactPage(function, id, typed,
                    DirectoryPages.errors(e, CONTACT_LABELS, "name"), null));
        } catch (PreconditionFailedException e) {
            ContactForm again = new ContactForm(name, email, region, activityCentre, locationPage != null,
                    Long.toString(accountsTable.contact(code, id).version()));
            return Pages.status(409, contactPage(function, id, again, FormErrors.none(), DirectoryPages.STALE));
        }
        return DirectoryPages.seeOther(BASE + "/functies/" + code + "?contact=opgeslagen");
    }

    @POST
    @Path("/functies/{code}/contactpersonen/{id}/verwijderen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> deleteContact(@RestPath String code, @RestPath long id,
            @RestForm String version) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        FunctionView function = accountsTable.function(code, true);
        try {
            accountsTable.deleteContact(code, id, required(version), staff.get().username());
        } catch (PreconditionFailedException e) {
            return Pages.status(409, contactPage(function, id, contactForm(accountsTable.contact(code, id)),
                    FormErrors.none(),
                    "Iemand anders heeft deze contactpersoon net gewijzigd; er is niets verwijderd. "
                            + "Hieronder staan de nieuwe gegevens."));
        }
        return DirectoryPages.seeOther(BASE + "/functies/" + code + "?contact=verwijderd");
    }

    private TemplateInstance functionPage(FunctionForm form, boolean isNew, List<ContactView> contacts,
            FormErrors errors, String stale) {
        return pages.page(functionForm, StaffPages.Section.DIRECTORY).data("form", form).data("isNew", isNew)
                .data("contacts", contacts).data("errors", errors).data("stale", stale);
    }

    private TemplateInstance contactPage(FunctionView function, Long id, ContactForm form, FormErrors errors,
            String stale) {
        return pages.page(contactForm, StaffPages.Section.DIRECTORY).data("function", function).data("id", id)
                .data("form", form).data("errors", errors).data("stale", stale)
                .data("regionRequired", function.topics().contains(Topic.REGION))
                .data("centreRequired", function.topics().contains(Topic.ACTIVITY_CENTRE));
    }

    /** No such function or contact: {@code 404}, the table of functions with a line saying so. */
    @ServerExceptionMapper
    RestResponse<TemplateInstance> notFound(NotFoundException e) {
        return Pages.status(404, tablePage().data("flash", null)
                .data("problem", "Deze functie of contactpersoon bestaat niet (meer)."));
    }

    private Row row(FunctionView f) {
        List<String> via = new ArrayList<>();
        if (!f.corporatePlatforms().isEmpty()) {
            via.add("bedrijfsaccount op " + platforms(f.corporatePlatforms()));
        }
        if (!f.personalPlatforms().isEmpty()) {
            via.add("persoonlijk account op " + platforms(f.personalPlatforms()));
        }
        if (!f.locationPagePlatforms().isEmpty()) {
            via.add("locatiepagina op " + platforms(f.locationPagePlatforms()));
        }
        List<String> contacts = accountsTable.contacts(f.code()).stream()
                .map(c -> c.name() + " (" + c.email() + ")").toList();
        return new Row(f.code(), f.name(), via.isEmpty() ? "niet zelf (communicatie reageert)" : String.join("; ", via),
                f.topics().stream().map(Topic::dutchName).collect(Collectors.joining(", ")), contacts);
    }

    private static String platforms(List<Platform> platforms) {
        return platforms.stream().map(Platform::dutchName).collect(Collectors.joining(", "));
    }

    private static FunctionForm form(FunctionView f) {
        if (f == null) {
            return typed("", "", List.of(), List.of(), List.of(), List.of(), null, List.of(), "", "", "");
        }
        return typed(f.code(), f.name(), names(f.personalPlatforms()), names(f.corporatePlatforms()),
                names(f.locationPagePlatforms()), names(f.provisionalPlatforms()),
                f.locationPageAfterIntake() ? "on" : null, names(f.topics()),
                f.escalationManager() == null ? "" : f.escalationManager().name(),
                f.escalationManager() == null ? "" : f.escalationManager().email(), Long.toString(f.version()));
    }

    private static FunctionForm typed(String code, String name, List<String> personal, List<String> corporate,
            List<String> locationPage, List<String> provisional, String afterIntake, List<String> topics,
            String managerName, String managerEmail, String version) {
        return new FunctionForm(code, name, platformBoxes("personalPlatforms", personal),
                platformBoxes("corporatePlatforms", corporate), platformBoxes("locationPagePlatforms", locationPage),
                platformBoxes("provisionalPlatforms", provisional), afterIntake != null, topicBoxes(topics),
                managerName, managerEmail, version);
    }

    private static List<Choice> platformBoxes(String field, List<String> picked) {
        List<Choice> boxes = new ArrayList<>();
        for (Platform p : Platform.values()) {
            boxes.add(new Choice(field + "-" + p.name(), p.name(), p.dutchName(), null,
                    picked != null && picked.contains(p.name())));
        }
        return boxes;
    }

    private static List<Choice> topicBoxes(List<String> picked) {
        List<Choice> boxes = new ArrayList<>();
        for (Topic t : Topic.values()) {
            boxes.add(new Choice("topics-" + t.name(), t.name(), t.dutchName(), null,
                    picked != null && picked.contains(t.name())));
        }
        return boxes;
    }

    private static FunctionRequest request(FunctionForm form) {
        String managerName = Text.blankToNull(form.managerName());
        String managerEmail = Text.blankToNull(form.managerEmail());
        FunctionRequest.EscalationManager manager = managerName == null && managerEmail == null ? null
                : new FunctionRequest.EscalationManager(managerName, managerEmail);
        return new FunctionRequest(form.name(), picked(form.personal(), Platform.class),
                picked(form.corporate(), Platform.class), picked(form.locationPage(), Platform.class),
                picked(form.provisional(), Platform.class), form.afterIntake(), picked(form.topics(), Topic.class),
                manager);
    }

    private static ContactForm contactForm(ContactView c) {
        return new ContactForm(c.name(), c.email(), c.region(), c.activityCentre(), c.locationPage(),
                Long.toString(c.version()));
    }

    private static ContactRequest request(ContactForm form) {
        return new ContactRequest(form.name(), form.email(), form.region(), form.activityCentre(), form.locationPage());
    }

    private static <E extends Enum<E>> List<E> picked(List<Choice> boxes, Class<E> type) {
        return boxes.stream().filter(Choice::checked).map(c -> Enum.valueOf(type, c.value())).toList();
    }

    private static <E extends Enum<E>> List<String> names(List<E> values) {
        return values.stream().map(Enum::name).toList();
    }

    private static FormErrors conflict(ConflictException e) {
        String message = e.getMessage();
        if (message.startsWith("Onderwerp ")) {
            return FormErrors.none().add("topics", "Onderwerpen: " + message);
        }
        return FormErrors.none().add("code", "Code: deze functie bestaat al. Kies een andere code.");
    }

    /** A form always carries the version it was opened at; without one, the write is refused as stale. */
    static String required(String version) {
        return version == null || version.isBlank() ? "-1" : version;
    }

    static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }
}
