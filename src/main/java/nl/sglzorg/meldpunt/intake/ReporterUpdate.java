package nl.sglzorg.meldpunt.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One entry of what a reporter sees of their signal.
 *
 * @param kind {@code STATUS} (with {@code publicStatus}), {@code REPORTER_MESSAGE} (their own
 *        message) or {@code REPLY} (a message from SGL)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReporterUpdate(Instant at, String kind, String publicStatus, String text) {
}
