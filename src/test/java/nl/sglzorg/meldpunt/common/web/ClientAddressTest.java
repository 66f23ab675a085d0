package nl.sglzorg.meldpunt.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which address a limit counts, for each way the proxy settings can be left. */
class ClientAddressTest {

    private static final String PROXY = "127.0.0.1";

    @ParameterizedTest(name = "trusted [{0}], X-Forwarded-For \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
            // A named proxy: the right-most entry that is not a trusted proxy.
            "127.0.0.1   | 6.6.6.6, 9.9.9.9           | 9.9.9.9",
            "127.0.0.1   | 6.6.6.6, 9.9.9.9, 127.0.0.1 | 9.9.9.9",
            "10.0.0.0/8  | 6.6.6.6                    | 127.0.0.1",
            // No proxy named: the peer is the proxy, and only what it appended counts.
            "''          | 203.0.113.7, 198.51.100.66 | 198.51.100.66",
            "''          | 10.9.1.1, 198.51.100.66    | 198.51.100.66",
            "''          | 198.51.100.66              | 198.51.100.66",
    })
    void shouldCountTheAddressTheLastTrustedProxySaw(String trusted, String forwardedFor, String client) {
        ClientAddress address = new ClientAddress(true, true,
                trusted.isEmpty() ? Optional.empty() : Optional.of(List.of(trusted)));
        assertEquals(client, address.of(PROXY, List.of(forwardedFor)));
    }

    @ParameterizedTest
    @CsvSource({"false, true", "true, false"})
    void shouldIgnoreTheHeaderWhenForwardingIsOff(boolean forwarding, boolean allowXForwarded) {
        ClientAddress address = new ClientAddress(forwarding, allowXForwarded, Optional.empty());
        assertEquals(PROXY, address.of(PROXY, List.of("6.6.6.6")));
    }
}
