package nl.sglzorg.meldpunt.directory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.sglzorg.meldpunt.common.text.EmailAddress;
import nl.sglzorg.meldpunt.routing.DirectoryCodes;

/** A unit as communicatie enters it; {@code code} may be left out on {@code PUT}. */
public record UnitRequest(
        @Pattern(regexp = DirectoryCodes.PATTERN, message = DirectoryCodes.MESSAGE) String code,
        @NotBlank(message = "verplicht") @Size(max = 200, message = "hoogstens 200 tekens") String name,
        @Size(max = 100, message = "hoogstens 100 tekens") String region,
        @Size(max = 200, message = "hoogstens 200 tekens") String managerName,
        @EmailAddress.Valid @Size(max = 254, message = "hoogstens 254 tekens") String managerEmail) {
}
