package nl.sglzorg.meldpunt.directory;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import nl.sglzorg.meldpunt.common.text.EmailAddress;

/**
 * A staff account as communicatie enters it. On {@code PUT} a missing password keeps the current
 * one and a missing username means the one in the path.
 */
public record UserRequest(
        @Pattern(regexp = UserRequest.USERNAME, message = "{meldpunt.username.pattern}") String username,
        @Size(min = 12, max = 72, message = "{meldpunt.size.range}") String password,
        @NotNull(message = "{meldpunt.required}") @NotEmpty(message = "{meldpunt.roles.empty}")
        List<@NotNull(message = "{meldpunt.required}") @Pattern(regexp = "communicatie|functionaris|leidinggevende",
                message = "{meldpunt.role.unknown}") String> roles,
        String function,
        String unit,
        @EmailAddress.Valid @Size(max = 254, message = "{meldpunt.size.max}") String email,
        Boolean enabled) {

    static final String USERNAME = "^[a-z0-9][a-z0-9._-]{2,49}$";
}
