package nl.sglzorg.meldpunt.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One signed-in browser of the staff desk; the token itself is only in its cookie. */
@Entity
@Table(name = "staff_session")
public class StaffSession extends PanacheEntityBase {

    /** SHA-256 of the cookie's token, in hex. */
    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(nullable = false)
    public String username;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;
}
