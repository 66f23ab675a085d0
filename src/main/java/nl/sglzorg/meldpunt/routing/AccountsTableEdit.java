package nl.sglzorg.meldpunt.routing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One revision of the accounts table: who changed what, when. Written by {@link AccountsTableService} only. */
@Entity
@Table(name = "accounts_table_edit")
public class AccountsTableEdit extends PanacheEntityBase {

    @Id
    public long revision;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(nullable = false)
    public String description;

    static List<AccountsTableEdit> newestFirst(int limit) {
        return find("order by revision desc").page(0, limit).list();
    }
}
