package nl.sglzorg.meldpunt.common.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * PostgreSQL is recognised under every name Quarkus takes for it: the rate limits are then shared by
 * every instance, the outboxes claim in one statement and JIT is turned off; an embedded H2 is not.
 */
class DatabaseInUseTest {

    @Test
    void shouldRecognisePostgreSqlUnderEveryNameQuarkusTakes() {
        for (String kind : new String[] {"postgresql", "pgsql", "pg", "PostgreSQL"}) {
            assertTrue(new DatabaseInUse(kind).isPostgreSQL(), kind);
        }
    }

    @Test
    void shouldTellH2Apart() {
        assertFalse(new DatabaseInUse("h2").isPostgreSQL());
    }
}
