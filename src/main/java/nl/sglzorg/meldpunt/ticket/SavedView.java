package nl.sglzorg.meldpunt.ticket;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A staff member's own named view of the queue: the queue's query string (filters and sort, never a
 * cursor). Only its owner lists, opens or deletes it.
 */
@Entity
@Table(name = "saved_view")
public class SavedView extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The username of the staff member whose view it is. */
    @Column(nullable = false)
    public String owner;

    @Column(nullable = false)
    public String name;

    /** The name in lower case: names are unique per owner regardless of case. */
    @Column(name = "name_key", nullable = false)
    public String nameKey;

    @Column(nullable = false)
    public String query;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    protected SavedView() {
    }

    static SavedView of(String owner, String name, String query, Instant now) {
        SavedView view = new SavedView();
        view.owner = owner;
        view.name = name;
        view.nameKey = keyOf(name);
        view.query = query;
        view.createdAt = now;
        return view;
    }

    static String keyOf(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static List<SavedView> listOf(String owner) {
        return list("owner = ?1 order by nameKey, id", owner);
    }

    static long countOf(String owner) {
        return count("owner", owner);
    }

    static Optional<SavedView> findOwned(String owner, long id) {
        return find("owner = ?1 and id = ?2", owner, id).firstResultOptional();
    }

    static boolean exists(String owner, String name) {
        return count("owner = ?1 and nameKey = ?2", owner, keyOf(name)) > 0;
    }
}
