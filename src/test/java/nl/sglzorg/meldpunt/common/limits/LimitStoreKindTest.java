package nl.sglzorg.meldpunt.common.limits;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The limits are shared by every instance whenever the database is PostgreSQL, whichever of its
 * names the operator gave Quarkus; an embedded H2 keeps them in memory.
 */
class LimitStoreKindTest {

    @Test
    void shouldShareTheBucketsOnPostgreSqlUnderEveryNameQuarkusTakes() {
        for (String kind : new String[] {"postgresql", "pgsql", "pg", "PostgreSQL"}) {
            assertTrue(LimitStore.sharedIn(kind), kind);
        }
    }

    @Test
    void shouldKeepTheBucketsInMemoryOnH2() {
        assertFalse(LimitStore.sharedIn("h2"));
    }
}
