package nl.sglzorg.meldpunt.notification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
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

/**
 * An e-mail in the transactional outbox: written with the change that causes it, sent later by the
 * {@link OutboxDispatcher}.
 */
@Entity
@Table(name = "outbox_email")
public class OutboxEmail extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "ticket_id")
    public Long ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EmailKind kind;

    @Column(nullable = false)
    public String recipient;

    /** Who the recipient is, in words fit for the ticket's history: never a reporter's address. */
    @Column(name = "recipient_label", nullable = false)
    public String recipientLabel;

    @Column(nullable = false)
    public String subject;

    @Column(name = "text_body", nullable = false)
    public String textBody;

    @Column(name = "html_body", nullable = false)
    public String htmlBody;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EmailStatus status;

    @Column(nullable = false)
    public int attempts;

    /** When the e-mail is due; while claimed, the end of the claim. */
    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    /** Why the last attempt failed, without addresses. */
    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Version
    public long version;

    /**
     * Where the e-mail stands as people see it: sent from the moment the SMTP server accepted it
     * ({@code sentAt}), also in the moment before the dispatcher records it with its batch
     * ({@link OutboxStore}).
     */
    public EmailStatus shownStatus() {
        return sentAt != null ? EmailStatus.SENT : status;
    }

    /** The e-mails that stand at {@code status} as {@link #shownStatus()} says, newest first. */
    public static PanacheQuery<OutboxEmail> findNewestShown(EmailStatus status) {
        return status == EmailStatus.SENT ? find("sentAt is not null order by id desc")
                : find("status = ?1 and sentAt is null order by id desc", status);
    }
}
