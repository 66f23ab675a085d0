package nl.sglzorg.meldpunt.contract;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.test.junit.callback.QuarkusTestAfterAllCallback;
import io.quarkus.test.junit.callback.QuarkusTestContext;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * After every {@code @QuarkusTest} class, whatever the order: each status the application answered
 * that class ({@link ResponseRecorder}) must be documented in {@code openapi/openapi.yaml} for its
 * operation, or the class fails, naming the code. Registered through
 * {@code META-INF/services/io.quarkus.test.junit.callback.QuarkusTestAfterAllCallback}, so it runs
 * inside the application's class loader and needs no test to come last.
 */
public class UndocumentedAnswers implements QuarkusTestAfterAllCallback {

    private static Contract contract;

    @Override
    public void afterAll(QuarkusTestContext context) {
        if (Arc.container() == null || !Arc.container().isRunning()) {
            return;
        }
        try (InstanceHandle<ResponseRecorder> recorder = Arc.container().instance(ResponseRecorder.class)) {
            if (!recorder.isAvailable()) {
                return;
            }
            Map<String, String> undocumented = of(contract(), recorder.get().newAnswers());
            if (!undocumented.isEmpty()) {
                throw new AssertionError("given, but not in openapi.yaml for the operation:\n"
                        + String.join("\n", undocumented.entrySet().stream()
                                .map(e -> e.getKey() + "   (e.g. " + e.getValue() + ")").toList()));
            }
        }
    }

    private static synchronized Contract contract() {
        if (contract == null) {
            contract = Contract.read();
        }
        return contract;
    }

    /** The answers to documented operations with a code the contract does not list: "operation code" to a path. */
    static Map<String, String> of(Contract contract, Collection<ResponseRecorder.Answer> answers) {
        Map<String, String> undocumented = new TreeMap<>();
        for (ResponseRecorder.Answer answer : answers) {
            Optional<String> operation = contract.operationOf(answer.method(), answer.path());
            if (operation.isPresent() && !contract.codes(operation.get()).contains(answer.status())) {
                undocumented.putIfAbsent(operation.get() + " " + answer.status(), answer.path());
            }
        }
        return undocumented;
    }
}
