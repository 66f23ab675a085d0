package nl.sglzorg.meldpunt.common.web;

/** An {@code If-Match} version no longer matches: answered with {@code 412}. */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String detail) {
        super(detail);
    }
}
