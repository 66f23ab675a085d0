package nl.sglzorg.meldpunt.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The libraries with security releases after Quarkus 3.33.2 run at least at the patched versions
 * that the pom pins (SECURITY.md, "Dependencies"): a BOM change that drops a pin fails here.
 */
class PatchedLibrariesTest {

    @Test
    void shouldRunJacksonWithItsSecurityRelease() {
        assertAtLeast("jackson-databind", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(), "2.21.5");
        assertAtLeast("jackson-core", com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString(), "2.21.5");
    }

    @Test
    void shouldRunNettyWithItsSecurityRelease() {
        io.netty.util.Version.identify().forEach((artifact, version) ->
                assertAtLeast(artifact, version.artifactVersion(), "4.1.136"));
    }

    @Test
    void shouldRunThePostgresqlDriverWithItsSecurityRelease() {
        assertAtLeast("pgjdbc", org.postgresql.util.DriverInfo.DRIVER_VERSION, "42.7.13");
    }

    private static void assertAtLeast(String library, String actual, String minimum) {
        assertTrue(compare(actual, minimum) >= 0, library + " is " + actual + ", older than " + minimum);
    }

    /** Compares the leading numbers of two versions ({@code 4.1.136.Final} reads as 4, 1, 136). */
    private static int compare(String left, String right) {
        int[] a = numbers(left);
        int[] b = numbers(right);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static int[] numbers(String version) {
        return Arrays.stream(version.split("[.-]"))
                .takeWhile(part -> part.matches("\\d+"))
                .mapToInt(Integer::parseInt).toArray();
    }
}
