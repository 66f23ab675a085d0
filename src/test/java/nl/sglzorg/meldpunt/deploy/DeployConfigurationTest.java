package nl.sglzorg.meldpunt.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code deploy/} and {@code docs/operations.md} honest: every environment variable they give
 * Meldpunt is one it reads (a misspelt one would be silently ignored), and the settings table lists
 * them all. Plain JUnit: it asks the configuration model, not a running application.
 */
class DeployConfigurationTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Path OPERATIONS = Path.of("docs/operations.md");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|([^|]*)\\|.*$",
            Pattern.MULTILINE);

    private static KnownSettings known;

    @BeforeAll
    static void loadSettings() {
        known = KnownSettings.load();
    }

    @Test
    void shouldGiveMeldpuntOnlyVariablesItReads() {
        DeployFiles deploy = DeployFiles.read(DEPLOY);

        assertEquals(List.of(), deploy.check(known));
        // Each kind of file was really read, or the check above proves nothing.
        assertTrue(names(deploy, "deploy/docker-compose.yml").contains("QUARKUS_DATASOURCE_JDBC_URL"));
        assertTrue(names(deploy, "ConfigMap meldpunt-config").contains("QUARKUS_DATASOURCE_JDBC_URL"));
        assertTrue(names(deploy, "Secret meldpunt-secrets").contains("QUARKUS_DATASOURCE_PASSWORD"));
        assertTrue(deploy.variables.contains(new DeployFiles.Variable(
                "deploy/Dockerfile (RUN -Dquarkus.datasource.db-kind)", "QUARKUS_DATASOURCE_DB_KIND", false)));
    }

    @Test
    void shouldRefuseAMisspeltVariableInEveryKindOfFile() {
        DeployFiles deploy = new DeployFiles()
                .add("deploy/docker-compose.yml", """
                        services:
                          meldpunt:
                            build: { context: .., dockerfile: deploy/Dockerfile }
                            environment:
                              QUARKUS_DATASOURCE_JDBC_URL: jdbc:postgresql://db:5432/meldpunt
                              QUARKUS_DATASOURCE_JDBC_ULR: jdbc:postgresql://db:5432/meldpunt
                          db:
                            image: postgres:15
                            environment:
                              POSTGRES_DB: meldpunt
                        """)
                .add("deploy/k8s/configmap.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: { name: settings }
                        data:
                          MELDPUNT_MAIL_MAX_ATTEMPTS: "8"
                          MELDPUNT_MAIL_MAX_ATEMPTS: "8"
                        ---
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: { name: meldpunt }
                        spec:
                          template:
                            spec:
                              containers:
                                - name: meldpunt
                                  envFrom: [ { configMapRef: { name: settings } } ]
                                  env:
                                    - { name: MELDPUNT_BASE_URL, value: "https://meldpunt.example" }
                                    - { name: MELDPUNT_BASE_ULR, value: "https://meldpunt.example" }
                        """)
                .add("deploy/Dockerfile", """
                        FROM eclipse-temurin:17-jre
                        ENV QUARKUS_HTTP_PORT=8080 QUARKUS_HTTP_PROT=8080
                        ENTRYPOINT ["java", "-Dquarkus.http.host=0.0.0.0", "-Dquarkus.http.hots=0.0.0.0", "-jar", "quarkus-run.jar"]
                        """)
                .add("deploy/jvm.options", """
                        # a comment -Dquarkus.not.read=1
                        -XX:+UseSerialGC
                        -Dmeldpunt.mail.poll-interval=5s
                        -Dmeldpunt.mail.pol-interval=5s  # the typo
                        """)
                .resolve();

        assertEquals(Set.of("QUARKUS_DATASOURCE_JDBC_ULR", "MELDPUNT_MAIL_MAX_ATEMPTS", "MELDPUNT_BASE_ULR",
                "QUARKUS_HTTP_PROT", "QUARKUS_HTTP_HOTS", "MELDPUNT_MAIL_POL_INTERVAL"), refused(deploy.check(known)));
    }

    @Test
    void shouldRefuseABuildTimeSettingGivenAtStart() {
        DeployFiles deploy = new DeployFiles().add("deploy/docker-compose.yml", """
                services:
                  meldpunt:
                    build: ..
                    environment:
                      - QUARKUS_DATASOURCE_DB_KIND=postgresql
                """).resolve();

        List<String> problems = deploy.check(known);

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("QUARKUS_DATASOURCE_DB_KIND (quarkus.datasource.db-kind) is fixed when"
                + " Meldpunt is built"), problems.get(0));
    }

    @Test
    void shouldRefuseWhatItCannotCheck() {
        assertThrows(IllegalArgumentException.class, () -> new DeployFiles().add("deploy/settings.env", "A=b"));
        assertThrows(IllegalArgumentException.class, () -> new DeployFiles().add("deploy/k8s/ingress.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: { name: meldpunt }
                """));
        DeployFiles unresolved = new DeployFiles().add("deploy/k8s/deployment.yaml", """
                kind: Deployment
                metadata: { name: meldpunt }
                spec: { template: { spec: { containers: [ { name: m, envFrom: [ { secretRef: { name: gone } } ] } ] } } }
                """).add("deploy/k8s/unused.yaml", """
                kind: ConfigMap
                metadata: { name: unused }
                data: { MELDPUNT_BASE_URL: "https://meldpunt.example" }
                """).resolve();
        assertEquals(2, unresolved.check(known).size(), unresolved.check(known)::toString);
    }

    @Test
    void shouldRunTwoInstancesWithHealthProbesAndLimits() throws IOException {
        JsonNode deployment = yaml("k8s/deployment.yaml");
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);

        assertEquals(2, deployment.path("spec").path("replicas").asInt());
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
        // The probes ask the management port; the Service exposes the API port alone.
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertEquals("management", container.path(probe).path("httpGet").path("port").asText(), probe);
        }
        assertEquals("http", container.path("ports").get(0).path("name").asText());
        assertEquals(8080, container.path("ports").get(0).path("containerPort").asInt());
        assertEquals("management", container.path("ports").get(1).path("name").asText());
        assertEquals(9000, container.path("ports").get(1).path("containerPort").asInt());
        assertEquals(1, yaml("k8s/service.yaml").path("spec").path("ports").size());
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertFalse(container.path("resources").path(bound).path(resource).asText().isBlank(),
                        "resources." + bound + "." + resource);
            }
        }
        assertEquals("http", yaml("k8s/service.yaml").path("spec").path("ports").get(0).path("targetPort").asText());
    }

    @Test
    void shouldBoundTheTemporaryDirectoryUploadsAreWrittenTo() throws IOException {
        JsonNode spec = yaml("k8s/deployment.yaml").path("spec").path("template").path("spec");
        JsonNode container = spec.path("containers").get(0);
        JsonNode tmp = null;
        for (JsonNode volume : spec.path("volumes")) {
            if (volume.path("name").asText().equals("tmp")) {
                tmp = volume;
            }
        }
        assertTrue(tmp != null && tmp.has("emptyDir"), "the /tmp volume is an emptyDir");
        long sizeLimit = mebibytes(tmp.path("emptyDir").path("sizeLimit").asText());
        // Four upload bodies of 51M (meldpunt.evidence.concurrent-uploads, quarkus.http.limits.max-body-size:
        // a page form with five screenshots) and one re-encoded image of up to 80 MB must fit.
        assertTrue(sizeLimit >= 4 * 51 + 80, "emptyDir sizeLimit " + sizeLimit + " MiB");
        long request = mebibytes(container.path("resources").path("requests").path("ephemeral-storage").asText());
        long limit = mebibytes(container.path("resources").path("limits").path("ephemeral-storage").asText());
        assertTrue(request >= sizeLimit, "ephemeral-storage request " + request + " MiB holds /tmp");
        assertTrue(limit >= request, "ephemeral-storage limit " + limit + " MiB");
    }

    /** A Kubernetes quantity in Mi or Gi, in MiB; 0 when absent. */
    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        if (quantity.endsWith("Mi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2));
        }
        return 0;
    }

    @Test
    void shouldReachPostgreSQLOnlyOverTlsWithACheckedCertificate() throws IOException {
        String url = yaml("k8s/configmap.yaml").path("data").path("QUARKUS_DATASOURCE_JDBC_URL").asText();
        JsonNode container = yaml("k8s/deployment.yaml").path("spec").path("template").path("spec")
                .path("containers").get(0);

        assertTrue(url.startsWith("jdbc:postgresql://"), url);
        assertTrue(url.matches(".*[?&]sslmode=verify-full(&.*)?"), "sslmode=verify-full in " + url);
        Matcher rootCert = Pattern.compile("[?&]sslrootcert=([^&]+)").matcher(url);
        assertTrue(rootCert.find(), "the CA to check the server against, in " + url);
        List<String> mounts = new ArrayList<>();
        container.path("volumeMounts").forEach(mount -> mounts.add(mount.path("mountPath").asText()));
        assertTrue(mounts.stream().anyMatch(mount -> rootCert.group(1).startsWith(mount + "/")),
                rootCert.group(1) + " is on a mounted volume " + mounts);
    }

    @Test
    void shouldShipASecretTemplateWithOnlyPlaceholders() throws IOException {
        JsonNode secret = yaml("k8s/secret.template.yaml");

        assertEquals("Secret", secret.path("kind").asText());
        assertFalse(secret.path("stringData").isEmpty());
        assertFalse(secret.has("data"), "base64 data hides what is in it; use stringData placeholders");
        secret.path("stringData").fields().forEachRemaining(value -> assertTrue(
                value.getValue().asText().startsWith("CHANGE-ME"), value.getKey() + " is not a CHANGE-ME placeholder"));
    }

    @Test
    void shouldBuildForPostgreSQLAndRunAsAnOrdinaryUser() throws IOException {
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
        String runStage = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));

        assertTrue(dockerfile.contains("-Dquarkus.datasource.db-kind=postgresql"), "built for PostgreSQL");
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(runStage);
        assertTrue(user.find(), "the run stage names a USER");
        assertFalse(Set.of("root", "0").contains(user.group(1)), "runs as root");
        assertTrue(runStage.contains("\"quarkus-run.jar\"]"), "runs the Quarkus application");
    }

    @Test
    void shouldDocumentEveryVariableTheDeployFilesGive() throws IOException {
        Set<String> documented = documented().keySet();
        Set<String> missing = DeployFiles.read(DEPLOY).variables.stream().map(DeployFiles.Variable::name)
                .filter(name -> !documented.contains(name)).collect(Collectors.toCollection(TreeSet::new));

        assertEquals(Set.of(), missing, "missing from the settings table in " + OPERATIONS);
    }

    @Test
    void shouldDocumentEveryMeldpuntSettingWithItsDefault() throws IOException {
        Map<String, String> documented = documented();
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }

        List<String> wrong = new ArrayList<>();
        for (KnownSettings.Setting setting : known.meldpunt()) {
            String defaults = documented.get(setting.envVar());
            String value = properties.getProperty(setting.property(), setting.defaultValue().orElse(null));
            if (defaults == null) {
                wrong.add(setting.envVar() + " is missing");
            } else if (value != null && !defaults.contains("`" + value + "`")) {
                wrong.add(setting.envVar() + ": the table gives " + defaults.strip() + ", the default is `" + value + "`");
            }
        }

        assertEquals(List.of(), wrong, "the settings table in " + OPERATIONS);
    }

    @Test
    void shouldDocumentOnlySettingsMeldpuntReads() throws IOException {
        Set<String> unknown = documented().keySet().stream().filter(name -> known.byEnvVar(name).isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));

        assertEquals(Set.of(), unknown, "in the settings table of " + OPERATIONS + " but not read by Meldpunt");
    }

    /** The settings table: each row's variable and its default column. */
    private static Map<String, String> documented() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = TABLE_ROW.matcher(Files.readString(OPERATIONS));
        while (row.find()) {
            rows.put(row.group(1), row.group(2));
        }
        assertTrue(rows.size() > 20, "no settings table found in " + OPERATIONS);
        return rows;
    }

    private static Set<String> names(DeployFiles deploy, String wherePrefix) {
        return deploy.variables.stream().filter(v -> v.where().startsWith(wherePrefix)).map(DeployFiles.Variable::name)
                .collect(Collectors.toSet());
    }

    private static Set<String> refused(List<String> problems) {
        Set<String> names = new TreeSet<>();
        Matcher name = Pattern.compile(": ([A-Z][A-Z0-9_]*) is not a setting Meldpunt reads").matcher(String.join("\n",
                problems));
        while (name.find()) {
            names.add(name.group(1));
        }
        assertEquals(names.size(), problems.size(), problems::toString);
        return names;
    }

    private static JsonNode yaml(String file) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(DEPLOY.resolve(file).toFile());
    }
}
