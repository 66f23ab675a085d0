package nl.sglzorg.meldpunt.webhook;

import java.util.List;

/**
 * A webhook as communicatie registers or changes it: the {@code https} URL, the event types wanted
 * ({@code ticket.filed} …), the format ({@code STANDARD} by default) and whether it is on (by default).
 */
public record WebhookRequest(String url, List<String> events, WebhookFormat format, Boolean enabled) {
}
