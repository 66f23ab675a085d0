package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.TemplateData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.common.web.Violation;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.routing.AccountsTable;
import nl.sglzorg.meldpunt.routing.FunctionEntry;

/**
 * The forms of the ticket page: which field of which form a service's violation belongs to, where a
 * stale-version message goes, what was typed, and the success line after each action.
 */
final class TicketDeskPageForms {

    private TicketDeskPageForms() {
    }

    /** The forms on the page; each names its fields by id, {@code mainField} first. */
    enum Form {
        NONE("", "", Map.of()),
        STATUS("status", "status-message", Map.of("status", "status-to", "message", "status-message",
                "repostUrl", "status-repost-url")),
        REPLY("antwoord", "reply-text", Map.of("text", "reply-text")),
        NOTE("notitie", "note-text", Map.of("text", "note-text")),
        REROUTE("doorgestuurd", "reroute-reason", Map.of("function", "reroute-function", "reason", "reroute-reason")),
        PRIORITY("prioriteit", "priority", Map.of("priority", "priority")),
        MERGE("samengevoegd", "merge-into", Map.of("into", "merge-into")),
        UNMERGE("losgemaakt", "unmerge", Map.of()),
        LOCATION_PAGE("locatiepagina", "location-page", Map.of()),
        ESCALATE("geescaleerd", "escalate-reason",
                Map.of("unit", "escalate-unit", "managerEmail", "escalate-email", "reason", "escalate-reason"));

        private final String done;
        private final String mainField;
        private final Map<String, String> fields;

        Form(String done, String mainField, Map<String, String> fields) {
            this.done = done;
            this.mainField = mainField;
            this.fields = fields;
        }

        String done() {
            return done;
        }

        /** The field a refusal of the whole form is shown next to. */
        String mainField() {
            return mainField;
        }

        /** The id of the field a service's violation names. */
        String fieldOf(String violationField) {
            return fields.getOrDefault(violationField, mainField);
        }
    }

    private static final Map<String, String> DONE = Map.of(
            "status", "De status is gewijzigd.",
            "antwoord", "Je antwoord is naar de melder gestuurd.",
            "notitie", "Je notitie is opgeslagen.",
            "doorgestuurd", "De melding is doorgestuurd.",
            "prioriteit", "De prioriteit is gewijzigd.",
            "samengevoegd", "De melding is samengevoegd.",
            "losgemaakt", "De melding is weer losgemaakt.",
            "geescaleerd", "De melding is voorgelegd aan de leidinggevende.",
            "locatiepagina", "De locatiepagina staat nu in de accountstabel: nieuwe signalen over dit centrum op "
                    + "Facebook gaan erheen.");

    /** The success line for {@code ?gedaan=}, or {@code null}: only fixed words, never what a link says. */
    static String doneMessage(String key) {
        return key == null ? null : DONE.get(key);
    }

    /** What was typed in the forms, by field id, so a refused form shows it again. */
    @TemplateData
    public static final class Typed {

        private final Map<String, String> values;

        private Typed(Map<String, String> values) {
            this.values = values;
        }

        static Typed none() {
            return new Typed(Map.of());
        }

        static Typed of(Map<String, String> values) {
            return new Typed(Map.copyOf(values));
        }

        public String get(String field) {
            return values.getOrDefault(field, "");
        }

        public boolean is(String field, String value) {
            return value != null && value.equals(values.get(field));
        }

        public boolean any() {
            return !values.isEmpty();
        }
    }

    static TicketStatus status(String value) {
        return Arrays.stream(TicketStatus.values()).filter(s -> s.name().equals(value)).findFirst().orElse(null);
    }

    static Priority priority(String value) {
        return Arrays.stream(Priority.values()).filter(p -> p.name().equals(value)).findFirst().orElse(null);
    }

    /** A function to reroute to: its code and name. */
    @TemplateData
    public record FunctionChoice(String code, String name) {
    }

    static List<FunctionChoice> functions(AccountsTable table) {
        return table.functions().values().stream().sorted(Comparator.comparing(FunctionEntry::name))
                .map(f -> new FunctionChoice(f.code(), f.name())).toList();
    }

    /** A service's violation in plain words for staff. */
    static String words(Violation violation) {
        String message = violation.message();
        if (message.equals("verplicht") || message.startsWith("verplicht bij")) {
            return switch (violation.field()) {
                case "status" -> "Kies de nieuwe status.";
                case "message" -> "Schrijf een bericht: bij deze status is dat verplicht.";
                case "text" -> "Schrijf eerst een tekst.";
                case "function" -> "Kies de functie waar de melding heen gaat.";
                case "reason" -> "Schrijf waarom.";
                case "priority" -> "Kies een prioriteit.";
                case "into" -> "Vul het nummer in van de melding waarmee je samenvoegt.";
                default -> "Vul dit veld in.";
            };
        }
        if (violation.field().equals("into") && message.equals("onbekend ticket")) {
            return "Er is geen melding met dit nummer die je mag zien.";
        }
        return Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
    }

    /** A reference as one segment of a path. */
    static String pathSegment(String reference) {
        return URLEncoder.encode(reference, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
