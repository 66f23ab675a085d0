package nl.sglzorg.meldpunt.web.staff;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import nl.sglzorg.meldpunt.common.web.Violation;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.ticket.SavedViewService;

/** The queue page's words: short staff names for statuses, priorities and categories, and its errors. */
final class QueuePageWords {

    private static final Map<TicketStatus, String> STATUS = Map.of(TicketStatus.NEW, "Nieuw",
            TicketStatus.TRIAGED, "Beoordeeld", TicketStatus.IN_PROGRESS, "In behandeling",
            TicketStatus.WAITING, "Wacht op melder", TicketStatus.ESCALATED, "Geëscaleerd",
            TicketStatus.RESOLVED, "Opgelost", TicketStatus.CLOSED, "Gesloten", TicketStatus.REJECTED, "Afgewezen",
            TicketStatus.MERGED, "Samengevoegd");

    private static final Map<Priority, String> PRIORITY = Map.of(Priority.LOW, "Laag", Priority.NORMAL, "Normaal",
            Priority.HIGH, "Hoog", Priority.URGENT, "Urgent");

    private QueuePageWords() {
    }

    static String status(TicketStatus status) {
        return STATUS.get(status);
    }

    static String priority(Priority priority) {
        return PRIORITY.get(priority);
    }

    /** A name in a list or a table cell: with a capital, "Een blog". */
    static String capitalised(String dutchName) {
        return dutchName.substring(0, 1).toUpperCase(Locale.ROOT) + dutchName.substring(1);
    }

    /** How long ago, in the largest whole unit that says it: "12 min", "5 uur", "3 dagen". */
    static String age(Duration age) {
        if (age.isNegative() || age.toMinutes() < 1) {
            return "net binnen";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min";
        }
        if (age.toHours() < 48) {
            return age.toHours() + " uur";
        }
        return age.toDays() + " dagen";
    }

    /** The field on the page a violation belongs to: the form's fields carry a prefix of their own. */
    static String field(Violation violation) {
        return switch (violation.field()) {
            case "name" -> "view-name";
            case "cursor" -> "results";
            default -> "filter-" + violation.field();
        };
    }

    /** A violation of the filters or of a view's name, in plain words. */
    static String message(Violation violation) {
        String message = violation.message();
        return switch (violation.field()) {
            case "status" -> "Kies de status uit de lijst.";
            case "category" -> "Kies de soort melding uit de lijst.";
            case "platform" -> "Kies het platform uit de lijst.";
            case "topic" -> "Kies het onderwerp uit de lijst.";
            case "priority" -> "Kies de prioriteit uit de lijst.";
            case "channel" -> "Kies uit de lijst hoe de melding binnenkwam.";
            case "sort" -> "Kies een sortering uit de lijst.";
            case "limit" -> "Kies hoeveel meldingen per pagina: 20, 50 of 100.";
            case "deadline" -> "Zet het vinkje bij ‘Alleen deadline vandaag’ aan of uit.";
            case "q" -> "Zoek op hoogstens 10 woorden en 200 tekens.";
            case "createdFrom" -> "Vul bij ‘Binnengekomen vanaf’ een datum in, zoals 2026-11-24.";
            case "createdTo" -> "Vul bij ‘Binnengekomen tot en met’ een datum in, zoals 2026-11-24.";
            case "cursor" -> "De link naar deze pagina klopt niet meer. Begin opnieuw bij de eerste pagina.";
            case "name" -> {
                if (message.equals("verplicht")) {
                    yield "Geef de weergave een naam.";
                } else if (message.endsWith("tekens")) {
                    yield "De naam is te lang. Gebruik hoogstens 60 tekens.";
                } else if (message.equals("bestaat al")) {
                    yield "Je hebt al een weergave met deze naam. Kies een andere naam.";
                } else if (message.endsWith("weergaven")) {
                    yield "Je hebt al 50 weergaven. Verwijder er eerst een.";
                } else if (message.equals(SavedViewService.FILTERS_TOO_LONG)) {
                    yield "Deze filters zijn te lang om als weergave te bewaren. Zoek op minder woorden of kies minder filters.";
                }
                yield "Gebruik in de naam alleen letters, cijfers en leestekens.";
            }
            default -> "Deze waarde klopt niet.";
        };
    }
}
