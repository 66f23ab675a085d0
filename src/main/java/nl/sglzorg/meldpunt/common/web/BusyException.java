package nl.sglzorg.meldpunt.common.web;

import java.time.Duration;

/**
 * The instance has no room for this request now, whoever sends it (every slot for an upload, or the
 * decoder, is taken): answered with {@code 503} and {@code Retry-After}. Not a limit on the client,
 * which is {@link TooManyRequestsException}.
 */
public class BusyException extends RuntimeException {

    /** The problem type of a {@code 503}. */
    public static final String TYPE = "busy";
    public static final String TITLE = "Even bezet";

    private final Duration retryAfter;

    public BusyException(Duration retryAfter) {
        super("busy");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The whole seconds of {@code Retry-After}, at least 1. */
    public static long seconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** The problem's detail, in Dutch, for the reporter. */
    public static String detail(long seconds) {
        return "Er worden nu te veel afbeeldingen tegelijk verwerkt. Probeer het over " + seconds
                + " seconden opnieuw.";
    }
}
