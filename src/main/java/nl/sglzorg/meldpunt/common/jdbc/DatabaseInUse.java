package nl.sglzorg.meldpunt.common.jdbc;

import io.quarkus.datasource.common.runtime.DatabaseKind;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which database Meldpunt runs on, read once from {@code quarkus.datasource.db-kind}: the places whose
 * statements or storage differ between PostgreSQL and the embedded H2 ask here, and nowhere else reads
 * the setting. Quarkus takes PostgreSQL under several names ({@code postgresql}, {@code pgsql},
 * {@code pg}, in any case); compared as a plain string, {@code pgsql} once gave every instance rate
 * limits of its own in memory.
 */
@Singleton
public class DatabaseInUse {

    private final boolean postgreSQL;

    @Inject
    public DatabaseInUse(@ConfigProperty(name = "quarkus.datasource.db-kind") String kind) {
        this.postgreSQL = DatabaseKind.isPostgreSQL(kind);
    }

    /** PostgreSQL, which several instances share; otherwise H2, embedded in this one. */
    public boolean isPostgreSQL() {
        return postgreSQL;
    }
}
