package nl.sglzorg.meldpunt.common.web;

/** The request is valid but clashes with the current state: answered with {@code 409}. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
