package nl.sglzorg.meldpunt.common.web;

import jakarta.validation.ConstraintViolation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Collects violations while a request is checked, then throws them together so a client learns of
 * every mistake at once.
 */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    public Violations add(String field, String message) {
        found.add(new Violation(field, message));
        return this;
    }

    /** Adds what Bean Validation found, by field, with the messages of {@code ValidationMessages.properties}. */
    public <T> Violations addAll(Set<ConstraintViolation<T>> violations) {
        violations.stream().map(v -> new Violation(ProblemMappers.fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field)).forEach(found::add);
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws an {@link InvalidInputException} if anything was found. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidInputException(found);
        }
    }
}
