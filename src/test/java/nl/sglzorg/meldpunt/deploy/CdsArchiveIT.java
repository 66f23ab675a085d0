package nl.sglzorg.meldpunt.deploy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.PackagedApp;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/cds-archive.sh} on the package this build made, then the package started from the
 * archive it wrote, as {@code docs/operations.md} starts it. The archive must hold what the
 * application loads while it starts (Flyway, Hibernate's session factory, the connection pool), which
 * Quarkus's own archive leaves to the jars, and the JVM must be able to use it:
 * with {@code -Xshare:on} a JVM that cannot map the archive refuses to start. A database that already
 * has Meldpunt's first user is refused, and the archive kept. On PostgreSQL the script and the start
 * get a schema of their own ({@link PackagedApp.Database}).
 */
class CdsArchiveIT {

    /** Classes first loaded once the application starts, after Quarkus's archive is written. */
    private static final String[] LOADED_AT_START = {"org.flywaydb.core.Flyway",
        "org.hibernate.internal.SessionFactoryImpl", "io.agroal.pool.ConnectionPool"};

    /**
     * The least share of the start's classes the archive must give. Quarkus's archive gave 41 % of them
     * (7,033 of 17,252 on H2), this script's 70-75 %; not all, since the JVM leaves out the classes
     * loaded but not yet linked when it writes the archive, which vary from run to run.
     */
    private static final double LEAST_SHARED = 0.6;

    @Test
    void shouldWriteAnArchiveOfTheWholeStartThatTheApplicationStartsFrom() throws Exception {
        Path app = PackagedApp.jar().toAbsolutePath().getParent();
        Path archive = app.resolve("app-cds.jsa");
        Instant before = Instant.now().minusSeconds(1);
        try (PackagedApp.Database database = PackagedApp.Database.fresh("cds-it")) {
            Path scriptLog = database.directory().resolve("cds-archive.log");
            assertEquals(0, script(app, database, scriptLog), () -> "the script fails: " + log(scriptLog));
            FileTime written = Files.getLastModifiedTime(archive);
            assertThat("the archive is written anew", written, greaterThan(FileTime.from(before)));

            // Once more on the same database, which now has its first user: refused, the archive kept.
            Path again = database.directory().resolve("cds-archive-again.log");
            assertNotEquals(0, script(app, database, again), () -> "a database in use is taken: " + log(again));
            assertThat(log(again), containsString("already holds Meldpunt's data"));
            assertEquals(written, Files.getLastModifiedTime(archive), "the archive is kept");

            Path classes = database.directory().resolve("classes.txt");
            PackagedApp started = new PackagedApp("from-archive", database,
                    Map.of("MELDPUNT_LIMITS_EXEMPT_ADDRESSES", "127.0.0.1"))
                    .fromItsDirectory("-Xshare:on", "-XX:SharedArchiveFile=app-cds.jsa",
                            "-Xlog:class+load=info:file=" + classes);
            try {
                started.start();
                started.request().get("/melden").then().statusCode(200);
            } finally {
                started.stop();
            }
            String loaded = Files.readString(classes);
            for (String name : LOADED_AT_START) {
                assertThat(name, source(loaded, name), startsWith("shared objects file"));
            }
            long all = Pattern.compile(" source: ").matcher(loaded).results().count();
            long shared = Pattern.compile(" source: shared objects file").matcher(loaded).results().count();
            assertThat("classes from the archive, of " + all, (double) shared / all, greaterThan(LEAST_SHARED));
        }
    }

    /** Runs {@code deploy/cds-archive.sh} on the package and this database; its exit status. */
    private static int script(Path app, PackagedApp.Database database, Path log) throws Exception {
        ProcessBuilder script = new ProcessBuilder("bash", "deploy/cds-archive.sh", app.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        script.environment().putAll(database.environment());
        Process run = script.start();
        if (!run.waitFor(4, TimeUnit.MINUTES)) {
            run.destroyForcibly().waitFor();
            throw new AssertionError("the script ran for more than 4 minutes: " + log(log));
        }
        return run.exitValue();
    }

    private static String log(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Where the JVM's class-loading log says a class came from: the archive or a jar. */
    private static String source(String log, String className) {
        Matcher line = Pattern.compile("\\] " + Pattern.quote(className) + " source: (.*)").matcher(log);
        return line.find() ? line.group(1) : "(not loaded)";
    }
}
