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
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.PreconditionFailedException;
import nl.sglzorg.meldpunt.directory.UnitService;
import nl.sglzorg.meldpunt.directory.UserRequest;
import nl.sglzorg.meldpunt.directory.UserService;
import nl.sglzorg.meldpunt.directory.UserView;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.routing.AccountsTableService;
import nl.sglzorg.meldpunt.web.Choice;
import nl.sglzorg.meldpunt.web.FormErrors;
import nl.sglzorg.meldpunt.web.Pages;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code /beheer/organisatie/gebruikers}: the staff accounts, for communicatie only (as
 * {@code /api/users}): add one, change its roles, function and unit, switch it off or on, give it a
 * new password. The rules, among them that someone always keeps the role communicatie, are
 * {@link UserService}'s.
 */
@Path("/beheer/organisatie/gebruikers")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class UsersPage {

    private static final String BASE = "/beheer/organisatie/gebruikers";
    private static final Map<String, String> LABELS = FunctionsPage.labels("username", "Gebruikersnaam",
            "password", "Wachtwoord", "roles", "Rollen", "function", "Functie", "unit", "Eenheid",
            "email", "E-mailadres");
    private static final Map<String, String> ROLE_WORDS = Map.of(
            Roles.COMMUNICATIE, "Communicatie: beheert alles",
            Roles.FUNCTIONARIS, "Functionaris: behandelt de signalen van een functie",
            Roles.LEIDINGGEVENDE, "Leidinggevende: krijgt de escalaties van een eenheid");

    @Inject
    StaffPages pages;

    @Inject
    DirectoryPages directory;

    @Inject
    UserService users;

    @Inject
    UnitService units;

    @Inject
    AccountsTableService accountsTable;

    @Inject
    @Location("web/staff/users.html")
    Template list;

    @Inject
    @Location("web/staff/users-form.html")
    Template form;

    /** One option of a select. */
    @TemplateData
    public record Option(String value, String label, boolean selected) {
    }

    /** The account form as typed (never the password). */
    @TemplateData
    public record UserForm(String username, List<Choice> roles, List<Option> functions, List<Option> units,
            String email, boolean enabled, String version) {
    }

    @GET
    public RestResponse<TemplateInstance> list(@RestQuery String opgeslagen) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        return Pages.ok(pages.page(list, StaffPages.Section.DIRECTORY).data("users", users.list())
                .data("flash", flash(opgeslagen)));
    }

    @GET
    @Path("/nieuw")
    public RestResponse<TemplateInstance> newUser() {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        return Pages.ok(formPage(typed("", List.of(), null, null, "", true, ""), true, FormErrors.none(), null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> create(@RestForm String username, @RestForm String password,
            @RestForm List<String> roles, @RestForm String function, @RestForm String unit, @RestForm String email) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        UserForm typed = typed(username, roles, function, unit, email, true, "");
        UserView user;
        try {
            user = users.create(new UserRequest(Text.blankToNull(username), Text.blankToNull(password),
                    roles == null ? List.of() : roles, function, unit, Text.blankToNull(email), true));
        } catch (InvalidInputException e) {
            return Pages.status(400, formPage(typed, true, DirectoryPages.errors(e, LABELS, "username"), null));
        } catch (ConflictException e) {
            return Pages.status(409, formPage(typed, true, FormErrors.none().add("username",
                    "Gebruikersnaam: deze gebruiker bestaat al. Kies een andere naam."), null));
        }
        return DirectoryPages.seeOther(BASE + "/" + user.username() + "?opgeslagen=nieuw");
    }

    @GET
    @Path("/{username}")
    public RestResponse<TemplateInstance> user(@RestPath String username, @RestQuery String opgeslagen) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        return Pages.ok(formPage(form(users.get(username)), false, FormErrors.none(), null)
                .data("flash", flash(opgeslagen)));
    }

    @POST
    @Path("/{username}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> update(@RestPath String username, @RestForm List<String> roles,
            @RestForm String function, @RestForm String unit, @RestForm String email, @RestForm String version) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        UserView current = users.get(username);
        UserForm typed = typed(username, roles, function, unit, email, current.enabled(), version);
        try {
            users.update(username, FunctionsPage.required(version), new UserRequest(null, null,
                    roles == null ? List.of() : roles, function, unit, Text.blankToNull(email), null));
        } catch (InvalidInputException e) {
            return Pages.status(400, formPage(typed, false, DirectoryPages.errors(e, LABELS, "roles"), null));
        } catch (PreconditionFailedException e) {
            return Pages.status(409, formPage(typed(username, roles, function, unit, email, current.enabled(),
                    Long.toString(current.version())), false, FormErrors.none(), DirectoryPages.STALE));
        } catch (ConflictException e) {
            return Pages.status(409, formPage(typed, false, FormErrors.none().add("roles",
                    "Rollen: dit is de laatste gebruiker met de rol communicatie. Geef eerst iemand anders die rol."),
                    null));
        }
        return DirectoryPages.seeOther(BASE + "/" + username + "?opgeslagen=gegevens");
    }

    @POST
    @Path("/{username}/actief")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> enable(@RestPath String username, @RestForm String enabled,
            @RestForm String version) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        UserView current = users.get(username);
        boolean on = "true".equals(enabled);
        try {
            users.setEnabled(username, FunctionsPage.required(version), on);
        } catch (PreconditionFailedException e) {
            return stale(current);
        } catch (ConflictException e) {
            return Pages.status(409, formPage(form(current), false, FormErrors.none(),
                    "Dit is de laatste gebruiker met de rol communicatie; die kan niet uit. "
                            + "Geef eerst iemand anders die rol."));
        }
        return DirectoryPages.seeOther(BASE + "/" + username + "?opgeslagen=" + (on ? "aan" : "uit"));
    }

    @POST
    @Path("/{username}/wachtwoord")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> resetPassword(@RestPath String username, @RestForm String password,
            @RestForm String version) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.DIRECTORY);
        }
        UserView current = users.get(username);
        try {
            String typed = Text.blankToNull(password);
            if (typed == null) {
                throw new InvalidInputException("password", "verplicht");
            }
            users.resetPassword(username, FunctionsPage.required(version), typed);
        } catch (InvalidInputException e) {
            FormErrors errors = FormErrors.none();
            e.violations().stream().filter(v -> v.field().equals("password")).findFirst().ifPresentOrElse(
                    v -> errors.add("password", DirectoryPages.words("Nieuw wachtwoord", v.message())),
                    () -> errors.add("password", "Nieuw wachtwoord: dit kan niet. Controleer de gegevens van de gebruiker."));
            return Pages.status(400, formPage(form(current), false, errors, null));
        } catch (PreconditionFailedException e) {
            return stale(current);
        }
        return DirectoryPages.seeOther(BASE + "/" + username + "?opgeslagen=wachtwoord");
    }

    private TemplateInstance formPage(UserForm typed, boolean isNew, FormErrors errors, String stale) {
        return pages.page(form, StaffPages.Section.DIRECTORY).data("form", typed).data("isNew", isNew)
                .data("errors", errors).data("stale", stale);
    }

    /** The user as now stored, with the notice that someone else changed it first: {@code 409}. */
    private RestResponse<TemplateInstance> stale(UserView current) {
        return Pages.status(409, formPage(form(current), false, FormErrors.none(), DirectoryPages.STALE));
    }

    /** No such user: {@code 404}, the list of users with a line saying so. */
    @ServerExceptionMapper
    RestResponse<TemplateInstance> notFound(NotFoundException e) {
        return Pages.status(404, pages.page(list, StaffPages.Section.DIRECTORY).data("users", users.list())
                .data("problem", "Deze gebruiker bestaat niet (meer)."));
    }

    private UserForm form(UserView user) {
        return typed(user.username(), user.roles(), user.function(), user.unit(), user.email(), user.enabled(),
                Long.toString(user.version()));
    }

    private UserForm typed(String username, List<String> roles, String function, String unit, String email,
            boolean enabled, String version) {
        List<Choice> roleBoxes = new ArrayList<>();
        for (String role : List.of(Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE)) {
            roleBoxes.add(new Choice("roles-" + role, role, ROLE_WORDS.get(role), null,
                    roles != null && roles.contains(role)));
        }
        List<Option> functions = new ArrayList<>();
        functions.add(new Option("", "Geen functie", Text.blankToNull(function) == null));
        accountsTable.functions(true).forEach(f -> functions.add(new Option(f.code(), f.name() + " (" + f.code() + ")",
                f.code().equals(function))));
        List<Option> unitOptions = new ArrayList<>();
        unitOptions.add(new Option("", "Geen eenheid", Text.blankToNull(unit) == null));
        units.list().forEach(u -> unitOptions.add(new Option(u.code(), u.name() + " (" + u.code() + ")",
                u.code().equals(unit))));
        return new UserForm(username, roleBoxes, functions, unitOptions, email, enabled, version);
    }

    private static String flash(String what) {
        if (what == null) {
            return null;
        }
        return switch (what) {
            case "nieuw" -> "De gebruiker is aangemaakt.";
            case "gegevens" -> "De gegevens zijn opgeslagen.";
            case "aan" -> "De gebruiker kan weer inloggen.";
            case "uit" -> "De gebruiker kan niet meer inloggen.";
            case "wachtwoord" -> "Het nieuwe wachtwoord is opgeslagen. Geef het de gebruiker op een veilige manier door.";
            default -> null;
        };
    }
}
