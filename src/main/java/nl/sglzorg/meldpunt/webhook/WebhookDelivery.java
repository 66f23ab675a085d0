package nl.sglzorg.meldpunt.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * One event for one webhook in the webhook outbox: written with the change that causes it, sent
 * later by the {@link WebhookDispatcher}. {@link #messageId} is the {@code webhook-id} header, the
 * same on every attempt, so a receiver can drop a rare resend.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "webhook_id", nullable = false)
    public Long webhookId;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "ticket_reference", nullable = false)
    public String ticketReference;

    @Column(nullable = false)
    public String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    /** When the delivery is due; while claimed, the end of the claim. */
    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    /** Why the last attempt failed, in a few words; never the receiver's answer body. */
    @Column(name = "last_error")
    public String lastError;

    /** The receiver's last HTTP status, if it answered. */
    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Version
    public long version;

    static WebhookDelivery queue(long webhookId, WebhookEvent event, String reference, String body, Instant now) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.webhookId = webhookId;
        delivery.messageId = "msg_" + UUID.randomUUID().toString().replace("-", "");
        delivery.eventType = event.type();
        delivery.ticketReference = reference;
        delivery.body = body;
        delivery.status = DeliveryStatus.PENDING;
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        return delivery;
    }
}
