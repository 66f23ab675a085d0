package nl.sglzorg.meldpunt.web;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import nl.sglzorg.meldpunt.common.web.Violation;

/**
 * The mistakes on a submitted form, in the reporter's language: one per field, shown next to the
 * field and in the summary at the top (which links to the field by its id). The rules stay in the
 * services; this only puts their violations into words.
 */
@TemplateData
public final class FormErrors {

    /** One mistake; {@code id} is the element the summary links to. */
    @TemplateData
    public record FieldError(String field, String id, String message) {
    }

    private final List<FieldError> list = new ArrayList<>();
    /** Whether the one thing to tell is a wait (an abuse limit), not a mistake to fix. */
    private boolean waiting;

    public static FormErrors none() {
        return new FormErrors();
    }

    public List<FieldError> getList() {
        return list;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public boolean has(String field) {
        return list.stream().anyMatch(e -> e.field().equals(field));
    }

    public String of(String field) {
        return list.stream().filter(e -> e.field().equals(field)).map(FieldError::message).findFirst().orElse("");
    }

    /** Adds a mistake in the page's own words (the first per field wins). */
    public FormErrors add(String field, String message) {
        if (!has(field)) {
            list.add(new FieldError(field, idOf(field), message));
        }
        return this;
    }

    /**
     * Adds how long to wait before the form can be sent again (an abuse limit), next to {@code field}: the
     * summary then says to wait, not to fix anything, since nothing that was typed is wrong.
     */
    public FormErrors waiting(String field, String message) {
        waiting = list.isEmpty();
        return add(field, message);
    }

    public boolean isWaiting() {
        return waiting && list.size() == 1;
    }

    /** Adds a service's violation, put into plain words for the reporter. */
    public FormErrors add(Violation violation, Texts texts, String language) {
        return add(violation.field(), wordsFor(violation, texts, language));
    }

    /** The id of the element a field's error links to: the first radio button of a choice. */
    static String idOf(String field) {
        return switch (field) {
            case "category" -> "category-MENTION";
            case "platform" -> "platform-TWITTER";
            case "topic" -> "topic-GENERAL";
            case "reporter.relation" -> "relation-none";
            case "channel" -> "channel-PHONE";
            default -> field.replace('.', '-');
        };
    }

    private static String wordsFor(Violation violation, Texts texts, String language) {
        String field = violation.field();
        String message = violation.message();
        String kind;
        if (message.equals("verplicht")) {
            kind = "required";
        } else if (message.startsWith("hoogstens")) {
            kind = field.equals("url") ? "invalid" : "tooLong";
        } else if (message.contains("ongeldige tekens")) {
            kind = "characters";
        } else if (field.equals("description")) {
            kind = "length";
        } else if (field.equals("observedAt") && message.contains("toekomst")) {
            kind = "future";
        } else if (field.equals("reporter.unit") && message.contains("onbekend")) {
            kind = "unknown";
        } else if (message.startsWith("alleen voor een cliënt")) {
            kind = "clientOnly";
        } else if (message.startsWith("alleen bij ongewenst contact")) {
            kind = "unwantedContactOnly";
        } else if (message.startsWith("alleen een adres van SGL")) {
            kind = "sglOnly";
        } else if (field.equals("wantsUpdates") || message.startsWith("vraagt om een e-mailadres")) {
            kind = "needsEmail";
        } else {
            kind = "invalid";
        }
        String specific = texts.of(language).get("error." + kind + "." + field);
        if (specific != null) {
            return specific;
        }
        String general = texts.of(language).get("error." + kind);
        return general != null ? general : texts.get(language, "error.invalid");
    }
}
