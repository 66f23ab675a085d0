package nl.sglzorg.meldpunt.routing;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.common.jdbc.Sql;

/**
 * The accounts table as routing reads it. Every edit bumps one revision counter in the same
 * transaction; the snapshot is cached per revision, so every instance sees an edit at its next
 * signal and a signal costs one small query while the table is unchanged.
 */
@ApplicationScoped
public class AccountsTableService {

    @Inject
    Clock clock;

    private volatile AccountsTable cached;

    @Transactional
    public AccountsTable current() {
        long revision = revision();
        AccountsTable snapshot = cached;
        if (snapshot != null && snapshot.revision() == revision) {
            return snapshot;
        }
        Map<String, List<ContactEntry>> contacts = FunctionContact.<FunctionContact>list("order by id").stream()
                .collect(Collectors.groupingBy(c -> c.functionCode,
                        Collectors.mapping(FunctionContact::toEntry, Collectors.toList())));
        List<FunctionEntry> entries = OfficialFunction.listInTableOrder().stream()
                .map(f -> f.toEntry(contacts.getOrDefault(f.code, List.of())))
                .toList();
        snapshot = AccountsTable.of(revision, entries);
        if (revision() == revision) {
            cached = snapshot;
        }
        return snapshot;
    }

    /** Records an edit of the table; call inside the editing transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordEdit(String actor) {
        Panache.getEntityManager()
                .createNativeQuery("update accounts_table_revision set revision = revision + 1, "
                        + "changed_at = ?1, changed_by = ?2 where id = 1")
                .setParameter(1, OffsetDateTime.now(clock))
                .setParameter(2, actor)
                .executeUpdate();
    }

    private static long revision() {
        return Sql.number("select revision from accounts_table_revision where id = 1");
    }
}
