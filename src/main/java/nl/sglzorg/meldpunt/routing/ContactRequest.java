package nl.sglzorg.meldpunt.routing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import nl.sglzorg.meldpunt.common.text.EmailAddress;

/**
 * An official of a function: {@code region} for a regional manager, {@code activityCentre} and
 * {@code locationPage} for an activity centre.
 */
public record ContactRequest(
        @NotBlank(message = "verplicht") @Size(max = 200, message = "hoogstens 200 tekens") String name,
        @NotBlank(message = "verplicht") @EmailAddress.Valid
        @Size(max = 254, message = "hoogstens 254 tekens") String email,
        @Size(max = 100, message = "hoogstens 100 tekens") String region,
        @Size(max = 200, message = "hoogstens 200 tekens") String activityCentre,
        Boolean locationPage) {
}
