package nl.sglzorg.meldpunt.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.ticket.Ticket;

/**
 * The body of a delivery. Only what a ticket is about, never who reported it or what they wrote:
 * no reporter, no description, no URL of the post (SECURITY.md, "Webhooks").
 */
final class WebhookPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<Priority, String> PRIORITY = Map.of(Priority.URGENT, "Urgent", Priority.HIGH, "Hoog",
            Priority.NORMAL, "Normaal", Priority.LOW, "Laag");

    private static final Map<TicketStatus, String> STATUS = Map.of(TicketStatus.NEW, "Nieuw",
            TicketStatus.TRIAGED, "Beoordeeld", TicketStatus.IN_PROGRESS, "In behandeling",
            TicketStatus.WAITING, "Wacht op melder", TicketStatus.ESCALATED, "Geëscaleerd",
            TicketStatus.RESOLVED, "Afgehandeld", TicketStatus.CLOSED, "Gesloten",
            TicketStatus.REJECTED, "Niet in behandeling", TicketStatus.MERGED, "Samengevoegd");

    /** What a delivery tells of a ticket; {@code deadline} only for a breach ({@code FIRST_RESPONSE} or {@code RESOLUTION}). */
    record Facts(String reference, String category, String categoryName, String platform, String platformName,
            Priority priority, String function, String functionName, TicketStatus status, String link,
            String deadline) {

        static Facts of(Ticket ticket, String baseUrl, String deadline) {
            return new Facts(ticket.reference, ticket.category.name(), ticket.category.dutchName(),
                    ticket.platform.name(), ticket.platform.dutchName(), ticket.priority, ticket.routedFunction,
                    ticket.routedFunctionName, ticket.status,
                    baseUrl.replaceAll("/+$", "") + "/beheer/meldingen/" + ticket.reference, deadline);
        }
    }

    private WebhookPayloads() {
    }

    static String body(WebhookFormat format, WebhookEvent event, Facts facts, Instant at) {
        ObjectNode body = format == WebhookFormat.TEAMS ? teams(event, facts) : standard(event, facts, at);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    /** {@code {"type", "timestamp", "data"}} as Standard Webhooks suggests. */
    private static ObjectNode standard(WebhookEvent event, Facts facts, Instant at) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", event.type());
        body.put("timestamp", at.toString());
        ObjectNode data = body.putObject("data");
        data.put("reference", facts.reference());
        data.put("category", facts.category());
        data.put("platform", facts.platform());
        data.put("priority", facts.priority().name());
        data.put("function", facts.function());
        data.put("status", facts.status().name());
        data.put("link", facts.link());
        if (facts.deadline() != null) {
            data.put("deadline", facts.deadline());
        }
        return body;
    }

    /** A message for a Teams Workflows webhook: one Adaptive Card 1.4 with the facts in Dutch and "Openen". */
    private static ObjectNode teams(WebhookEvent event, Facts facts) {
        ObjectNode card = JSON.createObjectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode items = card.putArray("body");
        items.addObject().put("type", "TextBlock").put("size", "Medium").put("weight", "Bolder").put("wrap", true)
                .put("text", "Meldpunt: " + event.dutchName() + " – " + facts.reference());
        ArrayNode shown = items.addObject().put("type", "FactSet").putArray("facts");
        fact(shown, "Melding", facts.reference());
        fact(shown, "Soort", facts.categoryName());
        fact(shown, "Platform", facts.platformName());
        fact(shown, "Prioriteit", PRIORITY.get(facts.priority()));
        fact(shown, "Behandelaar", facts.functionName() == null ? facts.function() : facts.functionName());
        fact(shown, "Status", STATUS.get(facts.status()));
        if (facts.deadline() != null) {
            fact(shown, "Termijn", "RESOLUTION".equals(facts.deadline()) ? "Afhandelen" : "Eerste reactie");
        }
        card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Openen")
                .put("url", facts.link());
        ObjectNode message = JSON.createObjectNode();
        message.put("type", "message");
        message.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive")
                .set("content", card);
        return message;
    }

    private static void fact(ArrayNode facts, String title, String value) {
        facts.addObject().put("title", title).put("value", value == null ? "–" : value);
    }
}
