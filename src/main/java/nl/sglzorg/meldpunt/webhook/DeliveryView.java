package nl.sglzorg.meldpunt.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A webhook delivery as communicatie sees it; never the receiver's answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(long id, String messageId, String event, String ticket, DeliveryStatus status,
        int attempts, Integer statusCode, String lastError, Instant createdAt, Instant deliveredAt,
        Instant nextAttemptAt) {

    static DeliveryView of(WebhookDelivery d) {
        return new DeliveryView(d.id, d.messageId, d.eventType, d.ticketReference, d.status, d.attempts,
                d.lastStatusCode, d.lastError, d.createdAt, d.deliveredAt,
                d.status == DeliveryStatus.PENDING ? d.nextAttemptAt : null);
    }
}
