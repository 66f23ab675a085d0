package nl.sglzorg.meldpunt.routing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import nl.sglzorg.meldpunt.common.text.EmailAddress;

/**
 * An official of a function: {@code region} for a regional manager, {@code activityCentre} and
 * {@code locationPage} for an activity centre.
 */
public record ContactRequest(
        @NotBlank(message = "{meldpunt.required}") @Size(max = 200, message = "{meldpunt.size.max}") String name,
        @NotBlank(message = "{meldpunt.required}") @EmailAddress.Valid
        @Size(max = 254, message = "{meldpunt.size.max}") String email,
        @Size(max = 100, message = "{meldpunt.size.max}") String region,
        @Size(max = 200, message = "{meldpunt.size.max}") String activityCentre,
        Boolean locationPage) {
}
