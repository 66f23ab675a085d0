package nl.sglzorg.meldpunt.common.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A request record's Bean Validation constraints, checked by a service. The API checks them at the
 * resource already ({@code @Valid}); a page form reaches the service without that, so services check
 * again and the page learns of the same mistakes, field by field, as the API's client would.
 */
public final class RequestChecks {

    private RequestChecks() {
    }

    /** Throws an {@link InvalidInputException} naming every broken constraint of {@code request}. */
    public static <T> T valid(Validator validator, T request) {
        Set<ConstraintViolation<T>> found = validator.validate(request);
        if (!found.isEmpty()) {
            List<Violation> violations = found.stream()
                    .map(v -> new Violation(ProblemMappers.fieldOf(v), v.getMessage()))
                    .sorted(Comparator.comparing(Violation::field)).toList();
            throw new InvalidInputException(violations);
        }
        return request;
    }
}
