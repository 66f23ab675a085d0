package nl.sglzorg.meldpunt.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A webhook as communicatie sees it: its latest delivery and how many are parked. {@code secret} is
 * there only in the answer to its creation: it is shown once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(long id, String url, List<String> events, WebhookFormat format, boolean enabled,
        String secret, String createdBy, Instant createdAt, DeliveryView lastDelivery, long parked) {

    static WebhookView of(Webhook w, DeliveryView last, long parked) {
        return new WebhookView(w.id, w.url, w.events().stream().map(WebhookEvent::type).toList(), w.format,
                w.enabled, null, w.createdBy, w.createdAt, last, parked);
    }

    WebhookView withSecret(String secret) {
        return new WebhookView(id, url, events, format, enabled, secret, createdBy, createdAt, lastDelivery, parked);
    }
}
