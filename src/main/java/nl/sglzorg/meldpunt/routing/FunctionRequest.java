package nl.sglzorg.meldpunt.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import nl.sglzorg.meldpunt.common.text.EmailAddress;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Topic;

/**
 * A row of the accounts table as communicatie writes it with {@code PUT}: the whole row, missing
 * lists meaning none.
 */
public record FunctionRequest(
        @NotBlank(message = "{meldpunt.required}") @Size(max = 200, message = "{meldpunt.size.max}") String name,
        List<@NotNull(message = "{meldpunt.required}") Platform> personalPlatforms,
        List<@NotNull(message = "{meldpunt.required}") Platform> corporatePlatforms,
        List<@NotNull(message = "{meldpunt.required}") Platform> locationPagePlatforms,
        List<@NotNull(message = "{meldpunt.required}") Platform> provisionalPlatforms,
        Boolean locationPageAfterIntake,
        List<@NotNull(message = "{meldpunt.required}") Topic> topics,
        @Valid EscalationManager escalationManager) {

    /** The manager this function's tickets escalate to when the reporter's unit has none. */
    public record EscalationManager(
            @Size(max = 200, message = "{meldpunt.size.max}") String name,
            @NotBlank(message = "{meldpunt.required}") @EmailAddress.Valid
            @Size(max = 254, message = "{meldpunt.size.max}") String email) {
    }
}
