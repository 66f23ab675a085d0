package nl.sglzorg.meldpunt.inbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An e-mail Meldpunt handled, by the hash of its {@code Message-ID} ({@link IncomingMail#key()}); no
 * address or text of it. Written in the transaction that files it, so the e-mail and its ticket are
 * remembered together or not at all.
 */
@Entity
@Table(name = "inbox_message")
public class InboxMessage extends PanacheEntityBase {

    /** What became of an e-mail. */
    public enum Outcome {
        /** A new signal. */
        FILED,
        /** A reporter message on an existing signal. */
        REPLY,
        /** Not filed: its sender is over the abuse limits. */
        LIMITED
    }

    @Id
    @Column(name = "message_key")
    public String messageKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    @Column(name = "ticket_id")
    public Long ticketId;

    @Column(name = "received_at", nullable = false, updatable = false)
    public Instant receivedAt;

    static InboxMessage of(String key, Outcome outcome, Instant at) {
        InboxMessage message = new InboxMessage();
        message.messageKey = key;
        message.outcome = outcome;
        message.receivedAt = at;
        return message;
    }

    static boolean isKnown(String key) {
        return findByIdOptional(key).isPresent();
    }
}
