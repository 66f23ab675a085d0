package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.TooManyRequestsException;
import nl.sglzorg.meldpunt.common.web.Violation;
import nl.sglzorg.meldpunt.intake.FormSubmissions;
import nl.sglzorg.meldpunt.intake.IntakeService;
import nl.sglzorg.meldpunt.intake.SignalReceipt;
import nl.sglzorg.meldpunt.intake.SignalRequest;
import nl.sglzorg.meldpunt.intake.TakenSignal;
import nl.sglzorg.meldpunt.intake.TakenSignalRequest;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.ReporterRelation;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.kernel.Topic;
import nl.sglzorg.meldpunt.web.Choice;
import nl.sglzorg.meldpunt.web.FormErrors;
import nl.sglzorg.meldpunt.web.Pages;
import nl.sglzorg.meldpunt.web.SignalForm;
import nl.sglzorg.meldpunt.web.Texts;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /beheer/melden} ("Melding aannemen"): a staff member files a signal they took by phone or in
 * person, for its reporter, then sees the reference and the routing. The tracking code is shown once,
 * on that confirmation, when it did not go to the reporter by e-mail: it travels there in a cookie
 * that lives a few minutes and is cleared when read, never in an address.
 */
@Path("/beheer/melden")
@RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
@Produces(MediaType.TEXT_HTML)
public class TakeSignalPage {

    static final String CODE_COOKIE = "meldpunt-taken-code";
    private static final String PATH = "/beheer/melden";

    @Inject
    StaffPages pages;

    @Inject
    IntakeService intake;

    @Inject
    Texts texts;

    @Inject
    MeldpuntConfig config;

    @Inject
    @Location("web/staff/take.html")
    Template take;

    @Inject
    @Location("web/staff/taken.html")
    Template taken;

    @GET
    public RestResponse<TemplateInstance> form() {
        SignalForm form = SignalForm.empty("nl");
        return Pages.ok(form(form, "", FormErrors.none()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> file(@BeanParam SignalForm form, @RestForm String channel,
            @RestForm String submission, HttpServerRequest http) {
        form.language = "nl";
        FormErrors errors = FormErrors.none();
        SignalRequest signal = form.toRequest(config.timeZone(), errors, texts, "nl");
        TakenSignalRequest request = new TakenSignalRequest(channel(channel, errors), signal.category(),
                signal.platform(), signal.topic(), signal.url(), signal.description(), signal.observedAt(),
                signal.region(), signal.activityCentre(), signal.reporter(), signal.wantsUpdates(), "nl");
        SignalReceipt receipt;
        try {
            if (!errors.isEmpty()) {
                // What the form could not read is named; the service names every other mistake besides.
                intake.checkTaken(request);
                return Pages.status(400, form(form, channel, errors));
            }
            // Once per form: a double click files one signal, and its second answer leads to the same one.
            receipt = intake.fileTakenOnce(request, submission).receipt();
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> errors.add(v.field(), words(v)));
            return Pages.status(400, form(form, channel, errors));
        } catch (TooManyRequestsException e) {
            errors.add("channel", "Je hebt dit uur al veel meldingen aangenomen. Probeer het over "
                    + minutes(e.retryAfterSeconds()) + " opnieuw.");
            return Pages.status(429, form(form, channel, errors));
        }
        String confirmation = PATH + "/" + receipt.reference();
        RestResponse.ResponseBuilder<TemplateInstance> redirect = RestResponse.ResponseBuilder
                .<TemplateInstance>create(303).location(URI.create(confirmation));
        if (receipt.trackingToken() != null) {
            redirect.cookie(codeCookie(receipt.trackingToken(), confirmation, 600, http.isSSL()));
        }
        return redirect.build();
    }

    /** The confirmation: reference, routing, and the tracking code once when it is the staff member's to pass on. */
    @GET
    @Path("/{reference}")
    public RestResponse<TemplateInstance> confirmation(@RestPath String reference,
            @RestCookie(CODE_COOKIE) String code, HttpServerRequest http) {
        TakenSignal signal = intake.taken(reference);
        List<String> informed = signal.routing().informed().stream()
                .filter(i -> !i.equals(signal.routing().function()))
                .map(i -> i.equals("UNIT_MANAGER") ? "de leidinggevende van de melder" : i).toList();
        TemplateInstance page = pages.page(taken, StaffPages.Section.TAKE).data("s", signal)
                .data("channel", signal.channel().dutchName().toLowerCase(Locale.ROOT))
                .data("priority", QueuePageWords.priority(signal.priority()))
                .data("informed", informed)
                .data("code", code == null || code.isBlank() ? null : code)
                .data("trackUrl", config.baseUrl() + "/volgen")
                .data("ticketHref", "/beheer/meldingen/" + TicketDeskPageForms.pathSegment(signal.reference()));
        RestResponse.ResponseBuilder<TemplateInstance> answer = RestResponse.ResponseBuilder
                .ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                // Not kept by the browser: the code on it is shown once.
                .header("Cache-Control", "no-store");
        if (code != null) {
            answer.cookie(codeCookie("", PATH + "/" + signal.reference(), 0, http.isSSL()));
        }
        return answer.build();
    }

    private TemplateInstance form(SignalForm form, String channel, FormErrors errors) {
        List<Choice> channels = new ArrayList<>();
        for (Channel c : Channel.values()) {
            if (c.takenByStaff()) {
                channels.add(new Choice("channel-" + c.name(), c.name(),
                        c == Channel.PHONE ? "Telefoon" : "Persoonlijk (iemand vertelde het je)", null,
                        c.name().equals(channel == null ? null : channel.strip())));
            }
        }
        List<Choice> relations = new ArrayList<>();
        relations.add(new Choice("relation-none", "", "Niet gezegd", null, SignalForm.blank(form.reporterRelation)));
        relations.addAll(Choice.of("relation", "relation", ReporterRelation.values(), form.reporterRelation, texts,
                "nl"));
        return pages.page(take, StaffPages.Section.TAKE).data("form", form).data("errors", errors)
                .data("submission", FormSubmissions.newKey())
                .data("t", texts.of("nl")).data("channels", channels)
                .data("categories", Choice.of("category", "category", Category.values(), form.category, texts, "nl"))
                .data("platforms", Choice.of("platform", "platform", Platform.values(), form.platform, texts, "nl"))
                .data("topics", Choice.of("topic", "topic", Topic.values(), form.topic, texts, "nl"))
                .data("relations", relations);
    }

    /** The channel picked; none when blank, and one the service refuses by name when it is not a channel at all. */
    private static Channel channel(String value, FormErrors errors) {
        if (SignalForm.blank(value)) {
            return null;
        }
        try {
            return Channel.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("channel", "Kies telefoon of persoonlijk.");
            return null;
        }
    }

    /** A violation in words for the staff member, who fills the form in for someone else. */
    private String words(Violation v) {
        String message = v.message();
        return switch (v.field()) {
            case "channel" -> message.equals("verplicht") ? "Kies hoe de melding binnenkwam: telefoon of persoonlijk."
                    : "Kies telefoon of persoonlijk.";
            case "category" -> "Kies de soort melding.";
            case "platform" -> "Kies het platform waarop de melder het zag.";
            case "description" -> message.equals("verplicht") ? "Schrijf op wat de melder zag."
                    : FormErrors.none().add(v, texts, "nl").of("description");
            case "reporter.unit" -> message.contains("onbekend")
                    ? "Deze eenheidscode kennen we niet. Laat het veld leeg als de melder de code niet weet."
                    : FormErrors.none().add(v, texts, "nl").of("reporter.unit");
            case "reporter.email" -> "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.";
            case "wantsUpdates" -> "Vul het e-mailadres van de melder in, of zet het vinkje uit.";
            default -> FormErrors.none().add(v, texts, "nl").of(v.field());
        };
    }

    /** A wait in whole minutes, rounded up, in words: "1 minuut", "3 minuten". */
    static String minutes(long seconds) {
        long minutes = Pages.minutesToWait(seconds);
        return minutes == 1 ? "1 minuut" : minutes + " minuten";
    }

    private static NewCookie codeCookie(String value, String path, int maxAge, boolean secure) {
        return new NewCookie.Builder(CODE_COOKIE).value(value).path(path).maxAge(maxAge).httpOnly(true)
                .secure(secure).sameSite(NewCookie.SameSite.STRICT).build();
    }
}
