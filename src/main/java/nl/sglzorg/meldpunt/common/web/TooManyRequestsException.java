package nl.sglzorg.meldpunt.common.web;

import java.time.Duration;

/** A client went over a limit: answered with {@code 429} and {@code Retry-After}. */
public class TooManyRequestsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyRequestsException(Duration retryAfter) {
        super("too many requests");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The wait in whole seconds for {@code Retry-After}: rounded up, at least one. */
    public long retryAfterSeconds() {
        return BusyException.seconds(retryAfter);
    }
}
