package nl.sglzorg.meldpunt.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the published contract and the code equal: every operation in {@code openapi/openapi.yaml}
 * has a resource method, and every resource method is in the contract.
 */
class OpenApiContractTest {

    private static final Map<Class<? extends java.lang.annotation.Annotation>, String> VERBS = Map.of(
            GET.class, "GET", POST.class, "POST", PUT.class, "PUT", DELETE.class, "DELETE");

    @Test
    void shouldDescribeExactlyTheOperationsTheApplicationServes() throws Exception {
        assertEquals(operationsInContract(), operationsInCode());
    }

    private static Set<String> operationsInContract() throws IOException {
        JsonNode paths = new ObjectMapper(new YAMLFactory())
                .readTree(java.nio.file.Path.of("openapi/openapi.yaml").toFile()).get("paths");
        Set<String> operations = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(verb -> {
            if (!verb.equals("parameters")) {
                operations.add(verb.toUpperCase() + " " + path.getKey());
            }
        }));
        return operations;
    }

    private static Set<String> operationsInCode() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        Set<String> operations = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiContractTest.class.getClassLoader());
                Path root = type.getAnnotation(Path.class);
                if (root == null || !root.value().startsWith("/api")) {
                    // The reporter pages (nl.sglzorg.meldpunt.web) are HTML, not part of the API contract.
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    for (var verb : VERBS.entrySet()) {
                        if (method.isAnnotationPresent(verb.getKey())) {
                            Path sub = method.getAnnotation(Path.class);
                            operations.add(verb.getValue() + " " + root.value() + (sub == null ? "" : sub.value()));
                        }
                    }
                }
            }
        }
        return operations;
    }
}
