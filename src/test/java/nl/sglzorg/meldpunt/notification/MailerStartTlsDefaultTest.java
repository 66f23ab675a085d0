package nl.sglzorg.meldpunt.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * STARTTLS is required when Meldpunt signs in to its SMTP server, unless someone chose otherwise.
 * Plain JUnit: the interceptor as the application's configuration finds it (through its service file),
 * over Quarkus' own default {@code OPTIONAL}.
 */
class MailerStartTlsDefaultTest {

    /** What Meldpunt reads for {@code quarkus.mailer.start-tls} with these settings (as from the environment). */
    private static String startTls(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDiscoveredInterceptors()
                .withDefaultValue(MailerStartTlsDefault.START_TLS, "OPTIONAL")
                .withDefaultValue(MailerStartTlsDefault.TLS, "false")
                .withSources(new PropertiesConfigSource(new HashMap<>(settings), "environment", 300))
                .build();
        return config.getConfigValue(MailerStartTlsDefault.START_TLS).getValue();
    }

    @Test
    void shouldRequireStartTlsWhenSigningIn() {
        assertEquals("REQUIRED", startTls(Map.of("quarkus.mailer.username", "meldpunt")));
    }

    @Test
    void shouldKeepTheDefaultWithoutAnAccount() {
        assertEquals("OPTIONAL", startTls(Map.of()));
        assertEquals("OPTIONAL", startTls(Map.of("quarkus.mailer.username", " ")));
    }

    @Test
    void shouldLeaveAChoiceThatWasMade() {
        assertEquals("DISABLED", startTls(Map.of("quarkus.mailer.username", "meldpunt",
                "quarkus.mailer.start-tls", "DISABLED")));
        assertEquals("OPTIONAL", startTls(Map.of("quarkus.mailer.username", "meldpunt",
                "quarkus.mailer.start-tls", "OPTIONAL")));
    }

    @Test
    void shouldNotAskForStartTlsOverImplicitTls() {
        assertEquals("OPTIONAL", startTls(Map.of("quarkus.mailer.username", "meldpunt", "quarkus.mailer.tls", "true")));
    }
}
