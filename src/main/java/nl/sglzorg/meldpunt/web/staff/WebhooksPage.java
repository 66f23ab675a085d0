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
import java.util.Optional;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.intake.FormSubmissions;
import nl.sglzorg.meldpunt.web.Choice;
import nl.sglzorg.meldpunt.web.FormErrors;
import nl.sglzorg.meldpunt.web.Pages;
import nl.sglzorg.meldpunt.webhook.DeliveryStatus;
import nl.sglzorg.meldpunt.webhook.DeliveryView;
import nl.sglzorg.meldpunt.webhook.WebhookEvent;
import nl.sglzorg.meldpunt.webhook.WebhookFormat;
import nl.sglzorg.meldpunt.webhook.WebhookRequest;
import nl.sglzorg.meldpunt.webhook.WebhookService;
import nl.sglzorg.meldpunt.webhook.WebhookView;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /beheer/webhooks}: communicatie's webhooks (what {@code /api/webhooks} does): each with its
 * latest delivery, the parked deliveries with a button that sends them again, a form to add one, and
 * buttons to switch one off or on and to remove it. A new webhook's secret is shown once, on the
 * answer to the form itself: it is never stored where a redirect could fetch it again. So that this
 * answer, reloaded, does not add the webhook again, the form carries a one-time key
 * ({@link FormSubmissions}): sent again, it adds nothing and leads to the list, which says so.
 */
@Path("/beheer/webhooks")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class WebhooksPage {

    /** What a webhook form's key acted on, in place of a signal's reference. */
    private static final String FORM = "webhook";

    private static final Map<String, String> LABELS = Map.of("url", "Adres", "events", "Gebeurtenissen",
            "format", "Vorm");

    @Inject
    StaffPages pages;

    @Inject
    DirectoryPages directory;

    @Inject
    WebhookService webhooks;

    @Inject
    FormSubmissions submissions;

    @Inject
    @Location("web/staff/webhooks.html")
    Template list;

    @Inject
    @Location("web/staff/webhook-created.html")
    Template created;

    /** One webhook as the table shows it. */
    @TemplateData
    public record Row(long id, String url, String events, String format, boolean enabled, String last, long parked) {
    }

    /**
     * A parked delivery, with its retry button while its webhook is on: nothing is sent to a webhook
     * that is off, so for one that is off the page says to switch it on first.
     */
    @TemplateData
    public record Parked(long webhookId, long id, String url, String event, String ticket, int attempts,
            String error, String created, boolean enabled) {
    }

    @GET
    public RestResponse<TemplateInstance> list(@RestQuery String opnieuw, @RestQuery String gewijzigd,
            @RestQuery String fout, @RestQuery String dubbel) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.WEBHOOKS);
        }
        String flash = opnieuw != null ? "De aflevering staat klaar om opnieuw te worden verstuurd."
                : gewijzigd != null ? "De webhook is gewijzigd."
                : dubbel != null ? "Dit formulier was al verstuurd: de webhook is één keer toegevoegd. Zijn geheime"
                        + " sleutel stond op het antwoord daarop. Zag je die niet, verwijder de webhook dan en"
                        + " voeg hem opnieuw toe." : null;
        String problem = fout == null ? null : "Deze aflevering is al verstuurd of wacht al op versturen,"
                + " of de webhook staat uit.";
        return Pages.ok(page(List.of(), "", WebhookFormat.STANDARD.name(), true, FormErrors.none())
                .data("flash", flash).data("problem", problem));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> create(@RestForm String url, @RestForm List<String> events,
            @RestForm String format, @RestForm String enabled, @RestForm String submission) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.WEBHOOKS);
        }
        List<String> chosen = events == null ? List.of() : events;
        boolean on = enabled != null;
        Optional<WebhookFormat> parsed = format(format);
        if (!submissions.claim(submission, FORM)) {
            return DirectoryPages.seeOther("/beheer/webhooks?dubbel=1");
        }
        WebhookView webhook;
        try {
            if (parsed.isEmpty()) {
                throw new InvalidInputException("format", "kies een vorm");
            }
            webhook = webhooks.create(new WebhookRequest(url, chosen, parsed.get(), on));
        } catch (InvalidInputException e) {
            submissions.release(submission);
            return Pages.status(400, page(chosen, url, format, on, errors(e)));
        } catch (RuntimeException e) {
            submissions.release(submission);
            throw e;
        }
        return Pages.ok(pages.page(created, StaffPages.Section.WEBHOOKS).data("webhook", webhook)
                .data("events", words(webhook.events())));
    }

    @POST
    @Path("/{id}/aan-uit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> switchOn(@RestPath long id, @RestForm String enabled) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.WEBHOOKS);
        }
        webhooks.switchOn(id, "true".equals(enabled));
        return DirectoryPages.seeOther("/beheer/webhooks?gewijzigd=" + id);
    }

    @POST
    @Path("/{id}/verwijderen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> delete(@RestPath long id) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.WEBHOOKS);
        }
        webhooks.delete(id);
        return DirectoryPages.seeOther("/beheer/webhooks?gewijzigd=" + id);
    }

    @POST
    @Path("/{id}/afleveringen/{deliveryId}/opnieuw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> retry(@RestPath long id, @RestPath long deliveryId) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.WEBHOOKS);
        }
        try {
            webhooks.retry(id, deliveryId);
        } catch (ConflictException | NotFoundException e) {
            return DirectoryPages.seeOther("/beheer/webhooks?fout=" + deliveryId);
        }
        return DirectoryPages.seeOther("/beheer/webhooks?opnieuw=" + deliveryId);
    }

    private TemplateInstance page(List<String> events, String url, String format, boolean enabled, FormErrors errors) {
        List<WebhookView> all = webhooks.list();
        List<Parked> parked = new ArrayList<>();
        for (WebhookView webhook : all) {
            if (webhook.parked() > 0) {
                webhooks.deliveries(webhook.id(), Optional.of(DeliveryStatus.FAILED)).forEach(d -> parked.add(
                        new Parked(webhook.id(), d.id(), webhook.url(), eventWords(d.event()), d.ticket(), d.attempts(),
                                d.lastError(), pages.format(d.createdAt()), webhook.enabled())));
            }
        }
        List<Choice> eventBoxes = new ArrayList<>();
        for (WebhookEvent event : WebhookEvent.values()) {
            eventBoxes.add(new Choice("event-" + event.ordinal(), event.type(), event.dutchName(), null,
                    events.contains(event.type())));
        }
        String wanted = format == null ? "" : format;
        return pages.page(list, StaffPages.Section.WEBHOOKS)
                .data("rows", all.stream().map(this::row).toList())
                .data("parked", parked)
                .data("eventBoxes", eventBoxes)
                .data("formats", List.of(
                        new Choice("format-standard", "STANDARD", "Standaard (JSON, Standard Webhooks)", null,
                                wanted.equals("STANDARD")),
                        new Choice("format-teams", "TEAMS", "Microsoft Teams (kaart voor een Workflows-webhook)", null,
                                wanted.equals("TEAMS"))))
                .data("url", url)
                .data("enabled", enabled)
                .data("errors", errors)
                .data("submission", FormSubmissions.newKey())
                .data("problem", null);
    }

    private Row row(WebhookView w) {
        DeliveryView last = w.lastDelivery();
        String lastWords = last == null ? "Nog niets verstuurd"
                : statusWords(last.status()) + " – " + eventWords(last.event()) + " " + last.ticket() + ", "
                        + pages.format(last.deliveredAt() != null ? last.deliveredAt() : last.createdAt());
        return new Row(w.id(), w.url(), words(w.events()), w.format() == WebhookFormat.TEAMS ? "Microsoft Teams"
                : "Standaard", w.enabled(), lastWords, w.parked());
    }

    /** The service's words next to each field; the API's event names mean nothing on the page. */
    private static FormErrors errors(InvalidInputException e) {
        FormErrors errors = FormErrors.none();
        for (var violation : e.violations()) {
            String field = LABELS.containsKey(violation.field()) ? violation.field() : "url";
            errors.add(field, field.equals("events") ? "Kies minstens één gebeurtenis."
                    : DirectoryPages.words(LABELS.get(field), violation.message()));
        }
        return errors;
    }

    private static Optional<WebhookFormat> format(String format) {
        for (WebhookFormat known : WebhookFormat.values()) {
            if (known.name().equals(format)) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }

    private static String words(List<String> types) {
        return String.join(", ", types.stream().map(WebhooksPage::eventWords).toList());
    }

    private static String eventWords(String type) {
        return WebhookEvent.ofType(type).map(WebhookEvent::dutchName).orElse(type);
    }

    static String statusWords(DeliveryStatus status) {
        return switch (status) {
            case PENDING -> "Wacht op versturen";
            case DELIVERED -> "Afgeleverd";
            case FAILED -> "Mislukt";
        };
    }
}
