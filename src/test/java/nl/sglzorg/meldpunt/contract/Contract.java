package nl.sglzorg.meldpunt.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The operations of {@code openapi/openapi.yaml} and the status codes each one lists. */
final class Contract {

    /** {@code GET /api/tickets/{reference}} → its documented codes. */
    private final Map<String, Set<Integer>> codes = new TreeMap<>();
    private final Map<String, Boolean> hasBody = new TreeMap<>();
    private final Map<String, Boolean> isPublic = new TreeMap<>();
    private final Map<String, Boolean> isUpload = new TreeMap<>();
    /** Path templates, those with fewer parameters first: a literal segment wins over a parameter. */
    private final List<String> templates = new ArrayList<>();

    private Contract() {
    }

    static Contract read() {
        try {
            JsonNode paths = new ObjectMapper(new YAMLFactory())
                    .readTree(java.nio.file.Path.of("openapi/openapi.yaml").toFile()).get("paths");
            Contract contract = new Contract();
            paths.fields().forEachRemaining(path -> {
                contract.templates.add(path.getKey());
                path.getValue().fields().forEachRemaining(verb -> {
                    if (verb.getKey().equals("parameters")) {
                        return;
                    }
                    String operation = verb.getKey().toUpperCase() + " " + path.getKey();
                    Set<Integer> statuses = new TreeSet<>();
                    verb.getValue().get("responses").fieldNames().forEachRemaining(s -> statuses.add(Integer.valueOf(s)));
                    contract.codes.put(operation, statuses);
                    contract.hasBody.put(operation, verb.getValue().has("requestBody"));
                    contract.isUpload.put(operation,
                            verb.getValue().path("requestBody").path("content").has("multipart/form-data"));
                    JsonNode security = verb.getValue().get("security");
                    contract.isPublic.put(operation, security != null && security.isEmpty());
                });
            });
            contract.templates.sort(Comparator.comparingLong((String t) -> t.chars().filter(c -> c == '{').count())
                    .thenComparing(Comparator.naturalOrder()));
            return contract;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> operations() {
        return codes.keySet();
    }

    Set<Integer> codes(String operation) {
        return codes.getOrDefault(operation, Set.of());
    }

    boolean hasBody(String operation) {
        return hasBody.get(operation);
    }

    /** Whether the operation takes a file ({@code multipart/form-data}) instead of JSON. */
    boolean isUpload(String operation) {
        return isUpload.get(operation);
    }

    boolean isPublic(String operation) {
        return isPublic.get(operation);
    }

    /** The operation a request was for, by matching its raw path against the templates. */
    Optional<String> operationOf(String method, String path) {
        for (String template : templates) {
            if (Pattern.matches(template.replaceAll("\\{[^/}]+}", "[^/]+"), path)) {
                String operation = method + " " + template;
                return codes.containsKey(operation) ? Optional.of(operation) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
