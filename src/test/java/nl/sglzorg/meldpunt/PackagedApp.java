package nl.sglzorg.meldpunt;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.sglzorg.meldpunt.support.Ports;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, or {@code -Dmeldpunt.jar}) as
 * a child process on a free port, for the {@code *IT} tests. It runs on a {@link Database} of the
 * test's own and with the environment the test gives it; its output goes to a log file that failure
 * messages quote.
 */
public final class PackagedApp {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final Database database;
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private final int managementPort;
    private List<String> jvmOptions = List.of();
    private boolean fromItsDirectory;
    private Process process;

    /** An application called {@code name} in logs and messages, not started yet. */
    public PackagedApp(String name, Database database, Map<String, String> environment) {
        this.name = name;
        this.database = database;
        this.environment = Map.copyOf(environment);
        this.log = database.directory().resolve(name + ".log");
        this.port = Ports.free();
        this.managementPort = Ports.free();
    }

    /**
     * Starts it from the package's own directory, as production does ({@code docs/operations.md}),
     * with these JVM options too: an AppCDS archive holds the class path as it was written, relative.
     */
    public PackagedApp fromItsDirectory(String... options) {
        this.fromItsDirectory = true;
        this.jvmOptions = List.of(options);
        return this;
    }

    /** Starts the process and waits until it takes HTTP requests. */
    public void start() throws IOException, InterruptedException {
        launch();
        awaitReady();
    }

    /** Starts the process without waiting for it; {@link #awaitReady()} waits. */
    public void launch() throws IOException {
        Path jar = jar();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A short run: the quick compiler only, which halves the CPU a start-up costs.
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + managementPort));
        command.addAll(jvmOptions);
        command.addAll(database.systemProperties());
        command.addAll(List.of("-jar", fromItsDirectory ? jar.getFileName().toString() : jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (fromItsDirectory) {
            builder.directory(jar.toAbsolutePath().getParent().toFile());
        }
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
    }

    /** The packaged application's jar: {@code target/quarkus-app/quarkus-run.jar}, or {@code -Dmeldpunt.jar}. */
    public static Path jar() {
        return Path.of(System.getProperty("meldpunt.jar", "target/quarkus-app/quarkus-run.jar"));
    }

    /** Waits until the HTTP port accepts connections, which Quarkus opens once start-up is done. */
    public void awaitReady() {
        try {
            Awaitility.await(name + " accepting connections").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError(name + " stopped during start-up: " + log());
                        }
                        try (Socket ignored = new Socket("127.0.0.1", port)) {
                            return true;
                        } catch (IOException notYet) {
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " did not start within " + START_TIMEOUT.toSeconds() + " s: " + log());
        }
    }

    /** Stops the process (as SIGTERM does), forcibly if it takes longer than 30 s. */
    public void stop() throws InterruptedException {
        stopAll(this);
    }

    /** Kills the process as {@code kill -9} does: no shutdown, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        process = null;
    }

    /** Stops several at once: each gets SIGTERM first, then each is waited for. */
    public static void stopAll(PackagedApp... apps) throws InterruptedException {
        for (PackagedApp app : apps) {
            if (app != null && app.process != null) {
                app.process.destroy();
            }
        }
        for (PackagedApp app : apps) {
            if (app != null && app.process != null) {
                if (!app.process.waitFor(30, TimeUnit.SECONDS)) {
                    app.process.destroyForcibly().waitFor();
                }
                app.process = null;
            }
        }
    }

    /** A REST Assured request to this instance, as an API client makes it (with {@code X-Requested-By}). */
    public RequestSpecification request() {
        return given().baseUri("http://127.0.0.1").port(port).header("X-Requested-By", "meldpunt-tests");
    }

    /** A REST Assured request to this instance's management interface (health, metrics). */
    public RequestSpecification management() {
        return given().baseUri("http://127.0.0.1").port(managementPort);
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    /** What the application wrote so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /**
     * A database of one test's own, with a temporary directory for the logs: a fresh H2 file, or, when
     * {@code QUARKUS_DATASOURCE_JDBC_URL} (or {@code -Dquarkus.datasource.jdbc.url}) names a PostgreSQL
     * database, a fresh schema in it. {@link #close()} drops the schema and removes the directory.
     */
    public static final class Database implements AutoCloseable {

        private final Path directory;
        /** The PostgreSQL schema, or null on H2. */
        private final String schema;

        private Database(Path directory, String schema) {
            this.directory = directory;
            this.schema = schema;
        }

        /** A fresh database; {@code prefix} names the directory and the schema. */
        public static Database fresh(String prefix) throws IOException, SQLException {
            Path directory = Files.createTempDirectory("meldpunt-" + prefix);
            String schema = null;
            if (onPostgresql()) {
                schema = prefix.replace('-', '_') + "_" + Long.toString(System.nanoTime(), 36);
                execute("create schema " + schema);
            }
            return new Database(directory, schema);
        }

        /** Whether the tests run on PostgreSQL rather than on the embedded H2. */
        public static boolean onPostgresql() {
            String url = setting("quarkus.datasource.jdbc.url");
            return url != null && url.startsWith("jdbc:postgresql:");
        }

        public Path directory() {
            return directory;
        }

        /** The settings that point the application at this database, as system properties. */
        List<String> systemProperties() {
            return settings().entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue()).toList();
        }

        /** The same settings as environment variables, for a script that starts the application. */
        public Map<String, String> environment() {
            Map<String, String> environment = new LinkedHashMap<>();
            settings().forEach((name, value) -> environment.put(name.toUpperCase(Locale.ROOT).replace('.', '_'), value));
            return environment;
        }

        private Map<String, String> settings() {
            Map<String, String> settings = new LinkedHashMap<>();
            if (schema != null) {
                // The app's search path is the test's schema: Flyway migrates it, the app uses only it.
                String url = setting("quarkus.datasource.jdbc.url");
                settings.put("quarkus.datasource.jdbc.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
                // The account comes with the environment; pass it on only if it came as system properties.
                for (String name : List.of("quarkus.datasource.username", "quarkus.datasource.password")) {
                    if (System.getProperty(name) != null) {
                        settings.put(name, System.getProperty(name));
                    }
                }
            } else {
                settings.put("quarkus.datasource.jdbc.url", "jdbc:h2:file:" + directory.resolve("meldpunt")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            }
            return settings;
        }

        @Override
        public void close() throws IOException, SQLException {
            try {
                if (schema != null) {
                    execute("drop schema " + schema + " cascade");
                }
            } finally {
                try (Stream<Path> files = Files.walk(directory)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }

        /** A setting as the packaged app would read it: system property first, then environment variable. */
        private static String setting(String name) {
            String value = System.getProperty(name);
            return value != null ? value
                    : System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }

        private static void execute(String sql) throws SQLException {
            try (Connection connection = DriverManager.getConnection(setting("quarkus.datasource.jdbc.url"),
                    Objects.requireNonNullElse(setting("quarkus.datasource.username"), "meldpunt"),
                    setting("quarkus.datasource.password"));
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
