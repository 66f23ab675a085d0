package nl.sglzorg.meldpunt.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.sglzorg.meldpunt.escalation.EscalationService;
import nl.sglzorg.meldpunt.routing.DirectoryCodes;
import nl.sglzorg.meldpunt.ticket.Escalation;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** The Dutch messages live in one bundle, and the reason limits count characters. No application needed. */
class ValidationMessagesTest {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private static Properties bundle() throws IOException {
        Properties messages = new Properties();
        try (InputStream in = ValidationMessagesTest.class.getResourceAsStream("/ValidationMessages.properties")) {
            messages.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return messages;
    }

    @Test
    void shouldFindEveryMessageKeyOfTheCodeInTheBundle() throws IOException {
        Properties messages = bundle();
        Pattern key = Pattern.compile("\"\\{(meldpunt\\.[a-z.]+)}\"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            List<Path> files = sources.filter(p -> p.toString().endsWith(".java")).toList();
            int found = 0;
            for (Path file : files) {
                Matcher m = key.matcher(Files.readString(file));
                while (m.find()) {
                    found++;
                    assertTrue(messages.containsKey(m.group(1)), file + " names " + m.group(1));
                }
            }
            assertTrue(found > 10, "the annotations use the bundle's keys");
        }
        // A message written as text in an annotation would bypass the bundle.
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(file -> {
                try {
                    assertTrue(!Files.readString(file).matches("(?s).*message = \"[^{].*"), file + " has a literal message");
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    @Test
    void shouldGiveChecksInCodeTheBundlesTexts() throws IOException {
        Properties messages = bundle();
        assertEquals(messages.getProperty("meldpunt.email"), EmailAddress.MESSAGE);
        assertEquals(messages.getProperty("meldpunt.code.pattern"), DirectoryCodes.MESSAGE);
    }

    @Test
    void shouldCountAnEscalationReasonInCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE21"; // one character, two UTF-16 units
        assertEquals(1, Text.characters(emoji));
        assertTrue(reasonViolations(emoji.repeat(Escalation.REASON_MAX)).isEmpty(), "1000 emoji are 1000 characters");

        Set<ConstraintViolation<EscalationService.Request>> tooLong = reasonViolations("a".repeat(Escalation.REASON_MAX + 1));
        assertEquals(1, tooLong.size());
        ConstraintViolation<EscalationService.Request> violation = tooLong.iterator().next();
        assertEquals("reason", violation.getPropertyPath().toString());
        assertEquals("hoogstens 1000 tekens", violation.getMessage());
        assertEquals("verplicht", reasonViolations(null).iterator().next().getMessage());
    }

    private static Set<ConstraintViolation<EscalationService.Request>> reasonViolations(String reason) {
        return VALIDATOR.validate(new EscalationService.Request("ZORG", null, reason));
    }
}
