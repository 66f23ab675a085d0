package nl.sglzorg.meldpunt.deploy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * application loads while it starts (Flyway, Hibernate's session factory, the connection pool, the
 * HTTP server), which Quarkus's own archive leaves to the jars, and the JVM must be able to use it:
 * with {@code -Xshare:on} a JVM that cannot map the archive refuses to start. On PostgreSQL the script
 * and the start get a schema of their own ({@link PackagedApp.Database}).
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
            ProcessBuilder script = new ProcessBuilder("bash", "deploy/cds-archive.sh", app.toString())
                    .redirectErrorStream(true).redirectOutput(scriptLog.toFile());
            script.environment().putAll(database.environment());
            Process run = script.start();
            boolean ended = run.waitFor(4, TimeUnit.MINUTES);
            if (!ended) {
                run.destroyForcibly().waitFor();
            }
            assertTrue(ended && run.exitValue() == 0, "the script fails: " + Files.readString(scriptLog));
            assertThat("the archive is written anew", Files.getLastModifiedTime(archive), greaterThan(FileTime.from(before)));

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

    /** Where the JVM's class-loading log says a class came from: the archive or a jar. */
    private static String source(String log, String className) {
        Matcher line = Pattern.compile("\\] " + Pattern.quote(className) + " source: (.*)").matcher(log);
        return line.find() ? line.group(1) : "(not loaded)";
    }
}
