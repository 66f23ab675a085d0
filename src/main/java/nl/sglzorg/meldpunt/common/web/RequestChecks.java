package nl.sglzorg.meldpunt.common.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;

/**
 * A request record's Bean Validation constraints, checked by a service. The API checks them at the
 * resource already ({@code @Valid}), so there they find nothing; a page form reaches the service
 * without that check, and learns of these mistakes together with those of the service's own rules.
 */
public final class RequestChecks {

    private RequestChecks() {
    }

    /** The broken constraints of {@code request}, to which a service adds what its rules find. */
    public static Violations of(Validator validator, Object request) {
        Violations violations = new Violations();
        validator.validate(request).stream()
                .sorted(Comparator.comparing((ConstraintViolation<Object> v) -> ProblemMappers.fieldOf(v)))
                .forEach(v -> violations.add(ProblemMappers.fieldOf(v), v.getMessage()));
        return violations;
    }
}
