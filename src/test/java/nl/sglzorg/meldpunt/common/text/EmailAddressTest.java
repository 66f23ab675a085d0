package nl.sglzorg.meldpunt.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The address check accepts what the old pattern accepted and refuses what it refused, in one pass. */
class EmailAddressTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "an@sgl-zorg.nl | true",
            "a.b+c@sub.sgl-zorg.nl | true",
            "a@b.c | true",
            "@sgl-zorg.nl | false",
            "an@ | false",
            "an@sgl | false",
            "an@.nl | false",
            "an@nl. | false",
            "an@@sgl-zorg.nl | false",
            "an@sgl@zorg.nl | false",
            "'an @sgl-zorg.nl' | false",
            "'an@sgl-zorg.nl\t' | false",
            "'' | false",
    })
    void shouldAcceptExactlyWhatTheOldPatternAccepted(String address, boolean valid) {
        assertEquals(valid, EmailAddress.isValid(address));
        assertEquals(valid, address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), "the old pattern agrees");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
            // Jakarta Mail reads each as an address in another domain than the one the value ends in
            "<victim@evil.example>.sgl-zorg.nl",
            "victim@evil.example(x).sgl-zorg.nl",
            "'\"a@b\"@evil.example'",
            "'a@evil.example,b@sgl-zorg.nl'",
            "'groep:a@evil.example;'",
            "a@[127.0.0.1].nl",
            "'a\\@evil.example'",
    })
    void shouldRefuseWhatAMailLibraryWouldReadAsAnotherAddress(String address) {
        assertFalse(EmailAddress.isValid(address));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"a@b..c", "a@.b.c", "a..b@sgl-zorg.nl", "a.@sgl-zorg.nl", "a@sgl_zorg.nl", "a@sgl-zorg.nl."})
    void shouldRefuseWhatNoMailServerTakesThoughTheOldPatternDid(String address) {
        // Accepted until session 38, and its e-mail tried for an hour and parked.
        assertTrue(address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"));
        assertFalse(EmailAddress.isValid(address));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"jos\u00e9@voorbeeld.nl", "an@sgl-zorg.nl", "a.b+c@sub.sgl-zorg.nl"})
    void shouldAcceptAddressesMailServersTake(String address) {
        assertTrue(EmailAddress.isValid(address));
    }

    @org.junit.jupiter.api.Test
    void shouldRefuseDirectionControlsThatWouldTurnTheAddressAround() {
        assertFalse(EmailAddress.isValid("\u202Eln.lgs@naj"));
        assertFalse(EmailAddress.isValid("jan\u2066@sgl-zorg.nl"));
    }

    @ParameterizedTest
    @CsvSource({"60000", "1000000"})
    void shouldRefuseAHugeAddressWithoutWorkingThroughIt(int dots) {
        String address = "a@" + ".".repeat(dots) + "@";
        // The old pattern needed about a minute for 60,000 dots; a generous bound, never a benchmark.
        assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(2), () -> EmailAddress.isValid(address)));
    }

    @ParameterizedTest
    @CsvSource({"254, true", "255, false"})
    void shouldStopAtTheLengthLimit(int length, boolean valid) {
        String domain = "@sgl-zorg.nl";
        assertEquals(valid, EmailAddress.isValid("a".repeat(length - domain.length()) + domain));
    }
}
