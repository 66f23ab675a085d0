package nl.sglzorg.meldpunt.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.sglzorg.meldpunt.common.limits.RateLimiter;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.TooManyRequestsException;
import nl.sglzorg.meldpunt.evidence.EvidenceService;
import nl.sglzorg.meldpunt.intake.FormSubmissions;
import nl.sglzorg.meldpunt.intake.IntakeService;
import nl.sglzorg.meldpunt.intake.MessageRequest;
import nl.sglzorg.meldpunt.intake.ReporterUpdate;
import nl.sglzorg.meldpunt.intake.SignalTracking;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code /volgen}: the reporter gives reference and tracking code in a form POST (never in an
 * address), sees the public status and the replies meant for them, and can answer and add screenshots.
 */
@Path("/volgen")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class TrackPage {

    @Inject
    Pages pages;

    @Inject
    Texts texts;

    @Inject
    IntakeService intake;

    @Inject
    RateLimiter limiter;

    @Inject
    Screenshots screenshots;

    @Inject
    EvidenceService evidence;

    @Inject
    FormSubmissions submissions;

    @Inject
    @Location("web/track.html")
    Template track;

    @Inject
    @Location("web/status.html")
    Template status;

    /** The signal as its reporter sees it, in their language. */
    @TemplateData
    public record StatusView(String reference, String status, String filed, List<Update> updates) {
    }

    /** One line of its history. */
    @TemplateData
    public record Update(String at, String kind, String text, boolean reply) {
    }

    @GET
    public TemplateInstance form(@RestQuery String lang) {
        return form(Texts.language(lang), "", "", FormErrors.none());
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public RestResponse<TemplateInstance> show(@RestForm String reference, @RestForm String token,
            @RestForm String lang, HttpServerRequest http) {
        String language = Texts.language(lang);
        FormErrors errors = required(reference, token, language);
        if (!errors.isEmpty()) {
            return Pages.status(400, form(language, reference, token, errors));
        }
        try {
            return Pages.ok(statusPage(typedReference(reference), token.strip(), language, http, true).data("text", ""));
        } catch (TooManyRequestsException e) {
            return pages.tooMany(e, language);
        } catch (NotFoundException e) {
            return Pages.status(404, form(language, reference, token, notFound(language)));
        }
    }

    @POST
    @Path("/antwoord")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public RestResponse<TemplateInstance> answer(@RestForm String reference, @RestForm String token,
            @RestForm String text, @RestForm String submission, @RestForm String lang, HttpServerRequest http) {
        String language = Texts.language(lang);
        FormErrors errors = required(reference, token, language);
        if (!errors.isEmpty()) {
            return Pages.status(400, form(language, reference, token, errors));
        }
        String ref = typedReference(reference);
        String code = token.strip();
        String typed = text == null ? "" : text;
        try {
            try {
                limiter.consume(RateLimiter.Limit.MESSAGE, pages.client(http), 1);
            } catch (TooManyRequestsException e) {
                // The message stays in its box, with the wait next to it.
                return Pages.status(429, statusPage(ref, code, language, http, true).data("text", typed)
                        .data("errors", FormErrors.none().waiting("text", pages.waitWords(e, language))), e.retryAfterSeconds());
            }
            boolean added;
            try {
                added = intake.addMessageOnce(ref, code, new MessageRequest(text), submission);
            } catch (InvalidInputException e) {
                FormErrors mistakes = FormErrors.none();
                e.violations().forEach(v -> mistakes.add(v, texts, language));
                return Pages.status(400, statusPage(ref, code, language, http, false).data("errors", mistakes)
                        .data("text", typed));
            } catch (ConflictException e) {
                return Pages.status(409, statusPage(ref, code, language, http, false)
                        .data("errors", FormErrors.none().add("text", texts.get(language, "error.closed")))
                        .data("text", typed));
            }
            // Not counted again: the message's look-up was counted, and a saved message must be answered as saved.
            TemplateInstance page = statusPage(ref, code, language, http, false).data("text", "");
            return Pages.ok(added ? page.data("sent", true) : page.data("sentBefore", texts.get(language, "answerAgain")));
        } catch (TooManyRequestsException e) {
            return pages.tooMany(e, language);
        } catch (NotFoundException e) {
            // A message is a way to try a code too: it costs what a wrong look-up does.
            limiter.penaliseWrongToken(RateLimiter.Limit.MESSAGE, pages.client(http));
            return Pages.status(404, form(language, reference, token, notFound(language)));
        }
    }

    /**
     * Adds screenshots to the signal: all are checked first (nothing is stored when one is refused),
     * then attached one by one; a signal that is full or closed is said in words ({@code 409}).
     */
    @POST
    @Path("/afbeeldingen")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public RestResponse<TemplateInstance> addScreenshots(@RestForm String reference, @RestForm String token,
            @RestForm String submission, @RestForm String lang, @RestForm(Screenshots.FIELD) List<FileUpload> files,
            HttpServerRequest http) {
        String language = Texts.language(lang);
        FormErrors errors = required(reference, token, language);
        if (!errors.isEmpty()) {
            return Pages.status(400, form(language, reference, token, errors));
        }
        String ref = typedReference(reference);
        String code = token.strip();
        try {
            // The code is checked (and the look-up counted) before any image is decoded.
            TemplateInstance before = statusPage(ref, code, language, http, true).data("text", "");
            if (submissions.spent(submission).isPresent()) {
                // The same form sent again after its answer: nothing is decoded or stored again.
                return screenshotsSentBefore(before, language);
            }
            List<FileUpload> chosen = Screenshots.chosen(files);
            if (chosen.isEmpty()) {
                return Pages.status(400, before.data("errors",
                        FormErrors.none().add(Screenshots.FIELD, texts.get(language, "error.required.file"))));
            }
            try {
                // Nothing is decoded for a signal that cannot take it, or a client over its limit; more
                // files than any signal takes are refused by the check below, before either.
                if (!screenshots.tooMany(chosen)) {
                    evidence.admits(ref, code, pages.client(http), chosen.size());
                }
            } catch (ConflictException e) {
                return Pages.status(409, before.data("errors",
                        FormErrors.none().add(Screenshots.FIELD, screenshots.conflict(e, language))));
            }
            Screenshots.Outcome outcome;
            try (Screenshots.Checked checked = screenshots.check(chosen, language)) {
                Optional<Screenshots.Refusal> refusal = checked.refusal();
                if (refusal.isPresent()) {
                    return refusal.get().answer(
                            before.data("errors", FormErrors.none().add(Screenshots.FIELD, refusal.get().message())));
                }
                // Stored one by one, so the key is taken before them, on its own: of two sends at once
                // (a double click), the second finds it taken and stores nothing.
                if (!submissions.claim(submission, ref)) {
                    return screenshotsSentBefore(before, language);
                }
                try {
                    outcome = screenshots.attach(ref, code, checked, pages.client(http), language);
                } catch (RuntimeException e) {
                    submissions.release(submission);
                    throw e;
                }
                if (outcome.added() == 0) {
                    submissions.release(submission);
                }
            }
            // Not counted again (the look-up before them was): stored screenshots must be answered as stored.
            TemplateInstance page = statusPage(ref, code, language, http, false).data("text", "")
                    .data("added", screenshots.added(outcome, language, "screenshotsAdded"));
            if (outcome.added() == 0 && !outcome.failures().isEmpty()) {
                // Nothing was added: the reason is the field's error, as for any other refusal.
                return Pages.status(outcome.conflict() ? 409 : 400, page.data("errors",
                        FormErrors.none().add(Screenshots.FIELD, outcome.failures().get(0))));
            }
            return Pages.ok(page.data("failures", outcome.failures()));
        } catch (TooManyRequestsException e) {
            return pages.tooMany(e, language);
        } catch (NotFoundException e) {
            return Pages.status(404, form(language, reference, token, notFound(language)));
        }
    }

    /**
     * The status page; a look-up that is {@code counted} counts against the tracking limit, a wrong code
     * five times. The page after a message or screenshots is not: their request's own look-up was counted
     * (its message against the message limit), and what was stored must never be answered with a refusal.
     */
    private TemplateInstance statusPage(String reference, String token, String language, HttpServerRequest http,
            boolean counted) {
        String client = pages.client(http);
        if (counted) {
            limiter.consume(RateLimiter.Limit.TRACKING, client, 1);
        }
        SignalTracking tracking;
        try {
            tracking = intake.track(reference, token);
        } catch (NotFoundException e) {
            if (counted) {
                limiter.penaliseWrongToken(RateLimiter.Limit.TRACKING, client);
            }
            throw e;
        }
        List<Update> updates = tracking.updates().stream().map(u -> update(u, language)).toList();
        StatusView view = new StatusView(tracking.reference(), label(tracking.publicStatus(), language),
                pages.format(tracking.createdAt(), language), updates);
        return pages.page(status, language, null).data("view", view).data("reference", reference)
                .data("token", token).data("sent", false)
                .data("answerKey", FormSubmissions.newKey()).data("screenshotsKey", FormSubmissions.newKey())
                .data("title", texts.get(language, "statusTitle").replace("{reference}", tracking.reference()));
    }

    private Update update(ReporterUpdate update, String language) {
        String kind = texts.get(language, "kind." + update.kind());
        String text = update.kind().equals("STATUS") ? label(update.publicStatus(), language) : update.text();
        return new Update(pages.format(update.at(), language), kind, text, update.kind().equals("REPLY"));
    }

    /** The public label in the reporter's language (the service speaks Dutch). */
    private static String label(String dutchLabel, String language) {
        if (!"en".equals(language)) {
            return dutchLabel;
        }
        return Arrays.stream(TicketStatus.values()).filter(s -> s.publicLabel().equals(dutchLabel))
                .map(TicketStatus::englishLabel).findFirst().orElse(dutchLabel);
    }

    private TemplateInstance form(String language, String reference, String token, FormErrors errors) {
        return pages.page(track, language, "/volgen").data("reference", reference == null ? "" : reference)
                .data("token", token == null ? "" : token).data("errors", errors);
    }

    /** The status page saying this screenshots form was sent before: nothing was stored again. */
    private RestResponse<TemplateInstance> screenshotsSentBefore(TemplateInstance statusPage, String language) {
        return Pages.ok(statusPage.data("sentBefore", texts.get(language, "screenshotsAgain")));
    }

    private FormErrors required(String reference, String token, String language) {
        FormErrors errors = FormErrors.none();
        if (SignalForm.blank(reference)) {
            errors.add("reference", texts.get(language, "error.required.reference"));
        }
        if (SignalForm.blank(token)) {
            errors.add("token", texts.get(language, "error.required.token"));
        }
        return errors;
    }

    private FormErrors notFound(String language) {
        return FormErrors.none().add("reference", texts.get(language, "trackNotFound"));
    }

    /**
     * A reference as typed, as it is stored: a phone's keyboard makes "Sgl-2026-000123" of it, which
     * found nothing and cost a wrong code's price (until session 33).
     */
    private static String typedReference(String typed) {
        return typed.strip().toUpperCase(Locale.ROOT);
    }
}
