package nl.sglzorg.meldpunt.webhook;

import java.util.Optional;

/** What a webhook can hear of; {@link #type()} is the event's name in the payload and the API. */
public enum WebhookEvent {
    FILED("ticket.filed", "Nieuw signaal"),
    ESCALATED("ticket.escalated", "Geëscaleerd"),
    DEADLINE_BREACHED("ticket.deadline_breached", "Termijn verstreken"),
    RESOLVED("ticket.resolved", "Afgehandeld");

    private final String type;
    private final String dutchName;

    WebhookEvent(String type, String dutchName) {
        this.type = type;
        this.dutchName = dutchName;
    }

    public String type() {
        return type;
    }

    public String dutchName() {
        return dutchName;
    }

    /** The event with this type, such as {@code ticket.filed}. */
    public static Optional<WebhookEvent> ofType(String type) {
        for (WebhookEvent event : values()) {
            if (event.type.equals(type)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }
}
