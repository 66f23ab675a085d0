package nl.sglzorg.meldpunt.escalation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The one use of an escalation's acknowledge link, written in the transaction that acknowledges it.
 * One row per escalation (its primary key): of two simultaneous clicks only one commits.
 */
@Entity
@Table(name = "acknowledge_link_use")
public class AcknowledgeLinkUse extends PanacheEntityBase {

    @Id
    @Column(name = "escalation_id")
    public Long escalationId;

    @Column(nullable = false, updatable = false)
    public String recipient;

    @Column(name = "used_at", nullable = false, updatable = false)
    public Instant usedAt;

    static AcknowledgeLinkUse of(long escalationId, String recipient, Instant at) {
        AcknowledgeLinkUse use = new AcknowledgeLinkUse();
        use.escalationId = escalationId;
        use.recipient = recipient;
        use.usedAt = at;
        return use;
    }
}
