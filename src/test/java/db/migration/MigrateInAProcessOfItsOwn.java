package db.migration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Migrates the H2 database at the URL it is given, as a start of Meldpunt does, in a process of its
 * own so that a test can give it the heap and collector Meldpunt is deployed with.
 */
public final class MigrateInAProcessOfItsOwn {

    private MigrateInAProcessOfItsOwn() {
    }

    public static void main(String[] args) throws SQLException {
        String url = args[0];
        try (Connection db = DriverManager.getConnection(url, "meldpunt", "");
                Statement statement = db.createStatement()) {
            // the tickets the images name are not there in the test's database
            statement.execute("SET REFERENTIAL_INTEGRITY FALSE");
            flyway(url).load().migrate();
        }
    }

    /**
     * A new in-memory H2 database's URL, with the options of Meldpunt's own; it lives while a connection
     * to it is open.
     */
    static String memoryUrl(String name) {
        return "jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** Flyway on the database at {@code url} with Meldpunt's migrations, the SQL and the Java ones. */
    static FluentConfiguration flyway(String url) {
        return Flyway.configure().dataSource(url, "meldpunt", "").locations("classpath:db/migration");
    }
}
