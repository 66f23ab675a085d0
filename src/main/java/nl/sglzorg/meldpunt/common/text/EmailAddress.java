package nl.sglzorg.meldpunt.common.text;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What Meldpunt accepts as an e-mail address: at most 254 characters, one {@code @} with something
 * before it, a dot in the domain with something on both sides, no white space, what the mail library
 * sends to ({@link #sendable}), and none of the
 * characters that make an address something else to a mail library ({@code <>()[]",;:\}): Jakarta
 * Mail reads {@code <victim@evil.example>.sgl-zorg.nl} as {@code victim@evil.example}, so such a value
 * passed a check of its domain and was sent elsewhere (until session 32).
 *
 * <p>Checked by one pass over the characters, never by a regular expression: the pattern this
 * replaced ({@code [^@\s]+@[^@\s]+\.[^@\s]+}) backtracked quadratically, and one address of 60,000
 * dots cost a minute of CPU.
 */
public final class EmailAddress {

    public static final int MAX_LENGTH = 254;
    public static final String MESSAGE = "geen geldig e-mailadres";

    /** RFC 5322's specials other than {@code @} and {@code .}: quoting, comments, groups, routes. */
    private static final String SPECIALS = "<>()[]\",;:\\";

    private EmailAddress() {
    }

    /** Whether {@code address} is one Meldpunt accepts; stops at the length limit, whatever the input. */
    public static boolean isValid(String address) {
        if (address == null || address.isEmpty() || address.length() > MAX_LENGTH) {
            return false;
        }
        int at = -1;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            // Direction controls too: shown on the desk they would turn the address around (session 33).
            if (isWhitespace(c) || SPECIALS.indexOf(c) >= 0 || Text.isDirectionControl(c)) {
                return false;
            }
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            }
        }
        if (at <= 0) {
            return false;
        }
        // A dot with at least one character between it and the @, and at least one after it.
        int dot = address.indexOf('.', at + 2);
        return dot >= 0 && dot < address.length() - 1 && sendable(address);
    }

    /**
     * Whether the mail library will send to it: its strict parse, which refuses what the scan above lets
     * through but no mail server takes (two dots in a row, a dot at an end of either part, an underscore
     * in the domain). Until session 38 such an address was accepted, and its e-mail tried for an hour and
     * parked: for a signal taken by phone, the only copy of its tracking code. Linear in the address.
     */
    private static boolean sendable(String address) {
        try {
            new InternetAddress(address, true);
            return true;
        } catch (AddressException e) {
            return false;
        }
    }

    /** The white space of {@code \s} in a Java pattern, which the old pattern refused. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** Bean Validation for a request field that holds an address; {@code null} and empty pass (use {@code @NotBlank}). */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
            ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = Check.class)
    public @interface Valid {
        String message() default "{meldpunt.email}";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** The validator behind {@link Valid}. */
    public static final class Check implements ConstraintValidator<Valid, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isEmpty() || EmailAddress.isValid(value);
        }
    }
}
