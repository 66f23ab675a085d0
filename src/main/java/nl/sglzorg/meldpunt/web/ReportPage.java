package nl.sglzorg.meldpunt.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.limits.RateLimiter;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.TooManyRequestsException;
import nl.sglzorg.meldpunt.intake.FormSubmissions;
import nl.sglzorg.meldpunt.intake.IntakeService;
import nl.sglzorg.meldpunt.intake.SignalReceipt;
import nl.sglzorg.meldpunt.intake.SignalRequest;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.ReporterRelation;
import nl.sglzorg.meldpunt.kernel.Topic;
import nl.sglzorg.meldpunt.routing.Informed;
import nl.sglzorg.meldpunt.routing.RoutingDecision;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code /melden}: the signal form, then a check page that shows where the signal will go and why
 * (the routing preview) and takes the screenshots, then the receipt. The receipt is the answer to the
 * filing POST itself, so the tracking code is never in an address.
 */
@Path("/melden")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ReportPage {

    @Inject
    Pages pages;

    @Inject
    Texts texts;

    @Inject
    IntakeService intake;

    @Inject
    RateLimiter limiter;

    @Inject
    MeldpuntConfig config;

    @Inject
    Screenshots screenshots;

    @Inject
    @Location("web/report.html")
    Template report;

    @Inject
    @Location("web/preview.html")
    Template preview;

    @Inject
    @Location("web/receipt.html")
    Template receipt;

    /** A line of the "what you filled in" list on the check page. */
    @TemplateData
    public record Row(String label, String value) {
    }

    /** Where the signal will go, in the reporter's words; roles only, never a person's name. */
    @TemplateData
    public record Routing(String handledBy, String why, String respond, List<String> informed, String priority) {
    }

    @GET
    public TemplateInstance form(@RestQuery String lang) {
        String language = Texts.language(lang);
        return form(SignalForm.empty(language), FormErrors.none(), language);
    }

    @POST
    @Path("/controleren")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public RestResponse<TemplateInstance> check(@BeanParam SignalForm form, @RestForm String lang,
            HttpServerRequest http) {
        String language = Texts.language(lang);
        form.language = language;
        try {
            // The check page runs the routing preview: the API's limit on previews holds here too.
            limiter.consume(RateLimiter.Limit.PREVIEW, pages.client(http), 1);
        } catch (TooManyRequestsException e) {
            // The form again as it was typed, with the wait above it.
            return Pages.status(429, form(form, FormErrors.none().waiting("check", pages.waitWords(e, language)), language),
                    e.retryAfterSeconds());
        }
        return checkPage(form, Optional.empty(), language);
    }

    /**
     * Files the signal with its screenshots. The screenshots are chosen on the check page, next to this
     * button (a file cannot travel through the form before it), and are all checked first: a refused
     * one shows the check page again with the error next to the file field, and nothing is filed.
     *
     * <p>The check page's form files once ({@code submission}, {@link IntakeService#fileOnce}): sent again
     * after its first answer, it files nothing, takes none of the client's filings and decodes no
     * screenshot ({@link IntakeService#filedBefore}), and its receipt says the signal was already sent. Sent
     * twice at the same moment, both count a filing and decode; the second then files nothing.
     */
    @POST
    @Path("/versturen")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public RestResponse<TemplateInstance> file(@BeanParam SignalForm form, @RestForm String lang,
            @RestForm String action, @RestForm String submission, @RestForm(Screenshots.FIELD) List<FileUpload> files,
            HttpServerRequest http) {
        String language = Texts.language(lang);
        form.language = language;
        if ("edit".equals(action)) {
            return Pages.ok(form(form, FormErrors.none(), language));
        }
        FormErrors errors = FormErrors.none();
        SignalRequest request = form.toRequest(config.timeZone(), errors, texts, language);
        if (!errors.isEmpty()) {
            return Pages.status(400, form(form, errors, language));
        }
        Optional<IntakeService.FormFiling> before = intake.filedBefore(submission);
        if (before.isPresent()) {
            return receipt(before.get(), null, language);
        }
        String client = pages.client(http);
        List<FileUpload> chosen = Screenshots.chosen(files);
        try {
            // Counted before the images are decoded, so decoding is bound by the filing limit too.
            limiter.consume(RateLimiter.Limit.FILING, client, 1);
        } catch (TooManyRequestsException e) {
            // The check page again, everything typed still in it, with the wait next to the send button.
            return checkPage(form, Optional.of(new Screenshots.Refusal("send", 429, pages.waitWords(e, language),
                    e.retryAfterSeconds())), language);
        }
        try (Screenshots.Checked checked = screenshots.check(chosen, language)) {
            if (checked.refusal().isPresent()) {
                return checkPage(form, checked.refusal(), language);
            }
            IntakeService.FormFiling filing;
            try {
                filing = intake.fileOnce(request, Channel.WEB, submission);
            } catch (InvalidInputException e) {
                e.violations().forEach(v -> errors.add(v, texts, language));
                return Pages.status(400, form(form, errors, language));
            }
            if (filing.again()) {
                // The same form, sent twice at once: the other request attaches the screenshots.
                return receipt(filing, null, language);
            }
            // Nothing after the filing decodes: the receipt, the reporter's only sight of their code, always follows.
            SignalReceipt filed = filing.receipt();
            Screenshots.Outcome attached = screenshots.attach(filed.reference(), filed.trackingToken(), checked,
                    client, language);
            return receipt(filing, attached, language);
        }
    }

    /** The receipt: what was filed, or what the form filed before; with the screenshots this request added. */
    private RestResponse<TemplateInstance> receipt(IntakeService.FormFiling filing, Screenshots.Outcome attached,
            String language) {
        TemplateInstance page = pages.page(receipt, language, null).data("receipt", filing.receipt())
                .data("again", filing.again());
        if (attached != null) {
            page.data("added", screenshots.added(attached, language, "receiptScreenshots"))
                    .data("failures", attached.failures());
        }
        return Pages.ok(page);
    }

    /**
     * The check page: where the signal will go and why, what was filled in, and the screenshot field,
     * with why the chosen screenshots were refused when they were.
     */
    private RestResponse<TemplateInstance> checkPage(SignalForm form, Optional<Screenshots.Refusal> refusal,
            String language) {
        FormErrors errors = FormErrors.none();
        SignalRequest request = form.toRequest(config.timeZone(), errors, texts, language);
        RoutingDecision decision = null;
        try {
            decision = intake.preview(request);
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> errors.add(v, texts, language));
        }
        if (!errors.isEmpty()) {
            return Pages.status(400, form(form, errors, language));
        }
        FormErrors fileErrors = refusal.map(Screenshots.Refusal::errors).orElseGet(FormErrors::none);
        TemplateInstance page = pages.page(preview, language, null).data("form", form).data("errors", fileErrors)
                .data("submission", FormSubmissions.newKey())
                .data("rows", rows(form, language)).data("routing", routing(decision, request.category(), language));
        return refusal.map(r -> r.answer(page)).orElseGet(() -> Pages.ok(page));
    }

    private TemplateInstance form(SignalForm form, FormErrors errors, String language) {
        return pages.page(report, language, "/melden").data("form", form).data("errors", errors)
                .data("categories", Choice.of("category", "category", Category.values(), form.category, texts, language))
                .data("platforms", Choice.of("platform", "platform", Platform.values(), form.platform, texts, language))
                .data("topics", Choice.of("topic", "topic", Topic.values(), form.topic, texts, language))
                .data("relations", relations(form, language));
    }

    /** The relations, after "I'd rather not say" (picked unless another is). */
    private List<Choice> relations(SignalForm form, String language) {
        List<Choice> choices = new ArrayList<>();
        choices.add(new Choice("relation-none", "", texts.get(language, "relationNone"), null,
                SignalForm.blank(form.reporterRelation)));
        choices.addAll(Choice.of("relation", "relation", ReporterRelation.values(), form.reporterRelation, texts,
                language));
        return choices;
    }

    private List<Row> rows(SignalForm form, String language) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(texts.get(language, "categoryLegend"), label(language, "category", form.category)));
        rows.add(new Row(texts.get(language, "platformLegend"), label(language, "platform", form.platform)));
        rows.add(new Row(texts.get(language, "topicLegend"),
                label(language, "topic", SignalForm.blank(form.topic) ? "GENERAL" : form.topic)));
        rows.add(new Row(texts.get(language, "descriptionLabel"), form.description.strip()));
        addIfGiven(rows, texts.get(language, "urlLabel"), form.url);
        addIfGiven(rows, texts.get(language, "observedAtLabel"), form.observedAt == null ? null
                : form.observedAt.replace('T', ' '));
        addIfGiven(rows, texts.get(language, "regionLabel"), form.region);
        addIfGiven(rows, texts.get(language, "activityCentreLabel"), form.activityCentre);
        if (form.isAnonymous()) {
            rows.add(new Row(texts.get(language, "aboutYouTitle"), texts.get(language, "previewAnonymous")));
        }
        addIfGiven(rows, texts.get(language, "nameLabel"), form.reporterName);
        addIfGiven(rows, texts.get(language, "emailLabel"), form.reporterEmail);
        if (!SignalForm.blank(form.reporterRelation)) {
            rows.add(new Row(texts.get(language, "relationLegend"), label(language, "relation", form.reporterRelation)));
        }
        addIfGiven(rows, texts.get(language, "unitLabel"), form.reporterUnit);
        addIfGiven(rows, texts.get(language, "careWorkerEmailLabel"), form.careWorkerEmail);
        if (form.isCareWorkerMayKnowIdentityChecked()) {
            rows.add(new Row(texts.get(language, "careWorkerMayKnowLabel"), "✓"));
        }
        if (form.isWantsUpdatesChecked()) {
            rows.add(new Row(texts.get(language, "wantsUpdatesLabel"), "✓"));
        }
        return rows;
    }

    /** Where the signal goes, and how soon; a positive post to share has no deadline to promise. */
    private Routing routing(RoutingDecision decision, Category category, String language) {
        List<String> informed = decision.informed().stream()
                .filter(i -> !i.code().equals(decision.function()))
                .map(i -> switch (i.kind()) {
                    case UNIT_MANAGER -> texts.get(language, "unitManager");
                    case CARE_WORKER -> texts.get(language, "careWorker");
                    case FUNCTION -> i.name();
                })
                .toList();
        List<String> all = new ArrayList<>(informed);
        if (decision.manager() != null) {
            all.add(0, texts.get(language, "unitManager"));
        }
        return new Routing(decision.functionName(), decision.reason(),
                texts.get(language, "respond." + decision.respondVia().name()), all.stream().distinct().toList(),
                texts.get(language, category == Category.POSITIVE_POST ? "priority.none"
                        : "priority." + decision.priority().name()));
    }

    private String label(String language, String prefix, String value) {
        String text = texts.of(language).get(prefix + "." + value.strip().toUpperCase(java.util.Locale.ROOT));
        return text == null ? value : text;
    }

    private static void addIfGiven(List<Row> rows, String label, String value) {
        if (!SignalForm.blank(value)) {
            rows.add(new Row(label, value.strip()));
        }
    }
}
