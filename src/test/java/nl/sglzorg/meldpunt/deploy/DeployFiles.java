package nl.sglzorg.meldpunt.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the files in {@code deploy/} and collects every environment variable they give Meldpunt:
 * {@code ENV} lines and {@code -D} options of the Dockerfile, {@code environment:} of the compose
 * services built from this repository, and the containers' {@code env:} and the ConfigMap and
 * Secret keys they take with {@code envFrom}, and the {@code -D} options of a java argument file
 * ({@code *.options}). A file it has no reader for is an error, so nothing in
 * {@code deploy/} goes unchecked.
 */
final class DeployFiles {

    /** An environment variable that a file gives Meldpunt, and whether the running application or its build gets it. */
    record Variable(String where, String name, boolean atStart) {
    }

    /** A container's {@code envFrom} entry: every key of a ConfigMap or Secret, after a prefix. */
    private record EnvFrom(String container, String kind, String name, String prefix) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-D((?:quarkus|meldpunt)\\.[A-Za-z0-9.\"-]+)=");
    private static final Pattern SHELL_ASSIGNMENT = Pattern.compile("(?<![A-Za-z0-9_$])((?:QUARKUS|MELDPUNT)_[A-Z0-9_]+)=");
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

    final List<Variable> variables = new ArrayList<>();
    /** What is wrong in the files themselves, apart from the variables' names. */
    final List<String> problems = new ArrayList<>();

    private final Map<String, Map<String, Set<String>>> sources = new LinkedHashMap<>();
    private final List<EnvFrom> envFrom = new ArrayList<>();
    private final Set<String> referenced = new LinkedHashSet<>();

    /** Every file under {@code dir}, each by its kind. */
    static DeployFiles read(Path dir) {
        DeployFiles files = new DeployFiles();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
                String where = dir.getFileName() + "/" + dir.relativize(file).toString().replace('\\', '/');
                files.add(where, Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.resolve();
    }

    /** Reads one file by its name; the caller calls {@link #resolve()} after the last. */
    DeployFiles add(String where, String text) {
        String name = where.substring(where.lastIndexOf('/') + 1);
        if (name.equals("README.md") || name.endsWith(".dockerignore")) {
            return this;
        }
        if (name.equals("Dockerfile") || name.startsWith("Dockerfile.")) {
            dockerfile(where, text);
        } else if (name.matches("(docker-)?compose(\\..+)?\\.ya?ml")) {
            compose(where, text);
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            kubernetes(where, text);
        } else if (name.endsWith(".options")) {
            jvmOptions(where, text);
        } else if (name.endsWith(".sh")) {
            script(where, text);
        } else {
            throw new IllegalArgumentException(where + ": no reader for this kind of file; teach DeployFiles to read it");
        }
        return this;
    }

    /** Adds the keys of ConfigMaps and Secrets the containers take with {@code envFrom}. */
    DeployFiles resolve() {
        for (EnvFrom ref : envFrom) {
            Set<String> keys = sources.getOrDefault(ref.kind(), Map.of()).get(ref.name());
            if (keys == null) {
                problems.add(ref.container() + ": envFrom names " + ref.kind() + " " + ref.name()
                        + ", which no file in deploy/ defines");
                continue;
            }
            keys.forEach(key -> variables.add(new Variable(ref.kind() + " " + ref.name() + " (envFrom in "
                    + ref.container() + ")", ref.prefix() + key, true)));
        }
        sources.forEach((kind, byName) -> byName.keySet().stream().filter(n -> !referenced.contains(kind + "/" + n))
                .forEach(n -> problems.add(kind + " " + n + " reaches no container: no envFrom or keyRef names it")));
        return this;
    }

    private void dockerfile(String where, String text) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                instructions.add(current.append(trimmed).toString());
                current.setLength(0);
            }
        }
        int lastStage = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (keyword(instructions.get(i)).equals("FROM")) {
                lastStage = i;
            }
        }
        for (int i = 0; i < instructions.size(); i++) {
            String instruction = instructions.get(i);
            String keyword = keyword(instruction);
            boolean runStage = i > lastStage;
            String args = instruction.substring(keyword.length()).strip();
            if (keyword.equals("ENV")) {
                String stage = runStage ? " (run stage)" : " (build stage)";
                if (args.matches("[A-Za-z_][A-Za-z0-9_]*\\s+.*") && !args.split("\\s+", 2)[0].contains("=")) {
                    variables.add(new Variable(where + stage, args.split("\\s+", 2)[0], runStage));
                } else {
                    Matcher pair = ENV_PAIR.matcher(args);
                    while (pair.find()) {
                        variables.add(new Variable(where + stage, pair.group(1), runStage));
                    }
                }
            } else if (keyword.equals("RUN") || keyword.equals("ENTRYPOINT") || keyword.equals("CMD")) {
                // -Dquarkus.x=… on a build's mvn line or on the java line: the same settings, as properties.
                boolean atStart = !keyword.equals("RUN");
                Matcher property = SYSTEM_PROPERTY.matcher(instruction);
                while (property.find()) {
                    variables.add(new Variable(where + " (" + keyword + " -D" + property.group(1) + ")",
                            KnownSettings.envVar(property.group(1)), atStart));
                }
            }
        }
        if (lastStage < 0) {
            problems.add(where + ": no FROM");
        }
    }

    /** A java argument file: its {@code -Dquarkus.…} and {@code -Dmeldpunt.…} options are settings read at start. */
    private void jvmOptions(String where, String text) {
        for (String line : text.split("\n")) {
            String option = line.replaceFirst("#.*", "").strip();
            Matcher property = SYSTEM_PROPERTY.matcher(option);
            if (property.lookingAt()) {
                variables.add(new Variable(where + " (-D" + property.group(1) + ")",
                        KnownSettings.envVar(property.group(1)), true));
            }
        }
    }

    /**
     * A shell script that starts Meldpunt: every Meldpunt or Quarkus variable it sets ({@code NAME=value},
     * before a command or after {@code export}) and every {@code -D} option, outside comments.
     */
    private void script(String where, String text) {
        for (String line : text.split("\n")) {
            String code = line.strip();
            if (code.startsWith("#")) {
                continue;
            }
            Matcher assignment = SHELL_ASSIGNMENT.matcher(code);
            while (assignment.find()) {
                variables.add(new Variable(where, assignment.group(1), true));
            }
            Matcher property = SYSTEM_PROPERTY.matcher(code);
            while (property.find()) {
                variables.add(new Variable(where + " (-D" + property.group(1) + ")",
                        KnownSettings.envVar(property.group(1)), true));
            }
        }
    }

    private static String keyword(String instruction) {
        return instruction.split("\\s+", 2)[0].toUpperCase();
    }

    private void compose(String where, String text) {
        JsonNode services = parse(where, text).get(0).path("services");
        if (services.isMissingNode() || services.isEmpty()) {
            problems.add(where + ": no services");
        }
        services.fields().forEachRemaining(service -> {
            JsonNode spec = service.getValue();
            if (!spec.has("build")) {
                return; // an image of its own (PostgreSQL, Mailpit): its variables are that image's
            }
            String at = where + " service " + service.getKey();
            if (spec.has("env_file")) {
                problems.add(at + ": env_file hides the variables from this check; list them under environment:");
            }
            for (String name : environmentNames(spec.path("environment"))) {
                variables.add(new Variable(at, name, true));
            }
        });
    }

    /** Compose's {@code environment:} is a map or a list of {@code NAME=value}. */
    private static List<String> environmentNames(JsonNode environment) {
        List<String> names = new ArrayList<>();
        if (environment.isObject()) {
            environment.fieldNames().forEachRemaining(names::add);
        } else {
            environment.forEach(entry -> names.add(entry.asText().split("=", 2)[0]));
        }
        return names;
    }

    private void kubernetes(String where, String text) {
        for (JsonNode doc : parse(where, text)) {
            if (doc.isNull() || doc.isMissingNode()) {
                continue;
            }
            String kind = doc.path("kind").asText();
            String name = doc.path("metadata").path("name").asText();
            switch (kind) {
                case "ConfigMap", "Secret" -> {
                    Set<String> keys = new LinkedHashSet<>();
                    doc.path("data").fieldNames().forEachRemaining(keys::add);
                    doc.path("stringData").fieldNames().forEachRemaining(keys::add);
                    sources.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(name, keys);
                }
                case "Deployment", "StatefulSet" -> {
                    JsonNode pod = doc.path("spec").path("template").path("spec");
                    List<JsonNode> containers = new ArrayList<>();
                    pod.path("containers").forEach(containers::add);
                    pod.path("initContainers").forEach(containers::add);
                    for (JsonNode container : containers) {
                        container(where + " " + kind + " " + name + " container " + container.path("name").asText(),
                                container);
                    }
                }
                case "Service", "Kustomization" -> {
                    // no environment
                }
                default -> throw new IllegalArgumentException(where + ": no reader for kind '" + kind
                        + "'; teach DeployFiles to read it");
            }
        }
    }

    private void container(String at, JsonNode container) {
        for (JsonNode env : container.path("env")) {
            variables.add(new Variable(at, env.path("name").asText(), true));
            JsonNode from = env.path("valueFrom");
            reference("ConfigMap", from.path("configMapKeyRef").path("name"));
            reference("Secret", from.path("secretKeyRef").path("name"));
        }
        for (JsonNode from : container.path("envFrom")) {
            String prefix = from.path("prefix").asText("");
            for (var ref : Map.of("configMapRef", "ConfigMap", "secretRef", "Secret").entrySet()) {
                if (from.has(ref.getKey())) {
                    JsonNode name = from.path(ref.getKey()).path("name");
                    envFrom.add(new EnvFrom(at, ref.getValue(), name.asText(), prefix));
                    reference(ref.getValue(), name);
                }
            }
        }
    }

    private void reference(String kind, JsonNode name) {
        if (name.isTextual()) {
            referenced.add(kind + "/" + name.asText());
        }
    }

    private static List<JsonNode> parse(String where, String text) {
        try (var parser = YAML.getFactory().createParser(text)) {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
            if (docs.isEmpty()) {
                throw new IllegalArgumentException(where + ": empty");
            }
            return docs;
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not YAML: " + e.getMessage(), e);
        }
    }

    /** Every variable the application does not read, or reads only when it is built, as a sentence. */
    List<String> check(KnownSettings known) {
        List<String> found = new ArrayList<>(problems);
        for (Variable variable : variables) {
            var setting = known.byEnvVar(variable.name());
            if (setting.isEmpty()) {
                found.add(variable.where() + ": " + variable.name() + " is not a setting Meldpunt reads");
            } else if (variable.atStart() && !setting.get().readAtStart()) {
                found.add(variable.where() + ": " + variable.name() + " (" + setting.get().property()
                        + ") is fixed when Meldpunt is built; setting it at start changes nothing");
            }
        }
        return found;
    }
}
