package nl.sglzorg.meldpunt.common.web;

import java.util.ArrayList;
import java.util.List;

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
