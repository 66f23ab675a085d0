package nl.sglzorg.meldpunt.common.web;

import java.util.List;

/**
 * Thrown when a request is well-formed JSON but breaks a rule; answered with a {@code 400} problem
 * that lists every violation.
 */
public class InvalidInputException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super("invalid input: " + violations.stream().map(Violation::field).toList());
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
