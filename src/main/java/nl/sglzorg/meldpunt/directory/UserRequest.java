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
        @Pattern(regexp = UserRequest.USERNAME, message = "3 tot 50 kleine letters, cijfers, punt, _ of -") String username,
        @Size(min = 12, max = 72, message = "12 tot 72 tekens") String password,
        @NotNull(message = "verplicht") @NotEmpty(message = "minstens één rol")
        List<@NotNull(message = "verplicht") @Pattern(regexp = "communicatie|functionaris|leidinggevende",
                message = "onbekende rol; toegestaan: communicatie, functionaris, leidinggevende") String> roles,
        String function,
        String unit,
        @EmailAddress.Valid @Size(max = 254, message = "hoogstens 254 tekens") String email,
        Boolean enabled) {

    static final String USERNAME = "^[a-z0-9][a-z0-9._-]{2,49}$";
}
