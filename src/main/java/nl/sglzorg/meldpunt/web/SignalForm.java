package nl.sglzorg.meldpunt.web;

import io.quarkus.qute.TemplateData;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import nl.sglzorg.meldpunt.intake.SignalRequest;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.ReporterRelation;
import nl.sglzorg.meldpunt.kernel.Topic;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The signal form as typed: every field a string named as the API's JSON property, so what the
 * reporter typed is shown back unchanged. {@link #toRequest} makes the API's request of it; only
 * what a form cannot say in JSON terms (a choice, a date) is read here.
 */
@TemplateData
public class SignalForm {

    @RestForm
    public String category;
    @RestForm
    public String platform;
    @RestForm
    public String topic;
    @RestForm
    public String url;
    @RestForm
    public String description;
    @RestForm
    public String observedAt;
    @RestForm
    public String region;
    @RestForm
    public String activityCentre;
    @RestForm("reporter.name")
    public String reporterName;
    @RestForm("reporter.email")
    public String reporterEmail;
    @RestForm("reporter.relation")
    public String reporterRelation;
    @RestForm("reporter.unit")
    public String reporterUnit;
    @RestForm("reporter.careWorkerEmail")
    public String careWorkerEmail;
    @RestForm("reporter.careWorkerMayKnowIdentity")
    public String careWorkerMayKnowIdentity;
    @RestForm
    public String wantsUpdates;
    @RestForm
    public String language;

    /** An empty form; the topic starts at "general". */
    public static SignalForm empty(String language) {
        SignalForm form = new SignalForm();
        form.topic = Topic.GENERAL.name();
        form.language = language;
        return form;
    }

    public boolean isWantsUpdatesChecked() {
        return "true".equals(wantsUpdates);
    }

    public boolean isCareWorkerMayKnowIdentityChecked() {
        return "true".equals(careWorkerMayKnowIdentity);
    }

    public boolean isAnonymous() {
        return blank(reporterName) && blank(reporterEmail);
    }

    /**
     * The API's request; a choice or date the form could not hold lands in {@code errors} (the
     * service's validator then judges the rest).
     */
    public SignalRequest toRequest(ZoneId zone, FormErrors errors, Texts texts, String lang) {
        SignalRequest.Reporter reporter = null;
        ReporterRelation relation = choice(ReporterRelation.class, reporterRelation, "reporter.relation", errors,
                texts, lang);
        boolean mayKnow = isCareWorkerMayKnowIdentityChecked();
        if (!blank(reporterName) || !blank(reporterEmail) || relation != null || !blank(reporterUnit)
                || !blank(careWorkerEmail) || mayKnow) {
            reporter = new SignalRequest.Reporter(reporterName, reporterEmail, relation, reporterUnit, careWorkerEmail,
                    mayKnow ? Boolean.TRUE : null);
        }
        return new SignalRequest(
                choice(Category.class, category, "category", errors, texts, lang),
                choice(Platform.class, platform, "platform", errors, texts, lang),
                choice(Topic.class, topic, "topic", errors, texts, lang),
                url, description, instant(zone, errors, texts, lang), region, activityCentre, reporter,
                "true".equals(wantsUpdates) ? Boolean.TRUE : null,
                "en".equals(language) ? "en" : "nl");
    }

    private java.time.Instant instant(ZoneId zone, FormErrors errors, Texts texts, String lang) {
        if (blank(observedAt)) {
            return null;
        }
        try {
            // <input type="datetime-local"> sends local time: "2026-12-01T14:30".
            return LocalDateTime.parse(observedAt.strip()).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            errors.add("observedAt", texts.get(lang, "error.invalid.observedAt"));
            return null;
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String field, FormErrors errors,
            Texts texts, String lang) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(field, texts.get(lang, "error.invalid"));
            return null;
        }
    }

    public static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
