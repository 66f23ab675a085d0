package nl.sglzorg.meldpunt.directory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.sglzorg.meldpunt.common.text.EmailAddress;
import nl.sglzorg.meldpunt.routing.DirectoryCodes;

/** A unit as communicatie enters it; {@code code} may be left out on {@code PUT}. */
public record UnitRequest(
        @Pattern(regexp = DirectoryCodes.PATTERN, message = "{meldpunt.code.pattern}") String code,
        @NotBlank(message = "{meldpunt.required}") @Size(max = 200, message = "{meldpunt.size.max}") String name,
        @Size(max = 100, message = "{meldpunt.size.max}") String region,
        @Size(max = 200, message = "{meldpunt.size.max}") String managerName,
        @EmailAddress.Valid @Size(max = 254, message = "{meldpunt.size.max}") String managerEmail) {
}
