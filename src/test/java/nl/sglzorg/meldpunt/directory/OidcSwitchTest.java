package nl.sglzorg.meldpunt.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect is on exactly when a provider is named, unless someone chose otherwise. Plain JUnit:
 * the interceptor as the application's configuration finds it, over quarkus-oidc's default {@code true}.
 */
class OidcSwitchTest {

    private static final String DEFAULT_TENANT = "quarkus.oidc.tenant-enabled";
    private static final String SIGN_IN_TENANT = "quarkus.oidc.sgl.tenant-enabled";

    private static SmallRyeConfig config(Map<String, String> settings) {
        return new SmallRyeConfigBuilder()
                .addDiscoveredInterceptors()
                .withDefaultValue(DEFAULT_TENANT, "true")
                .withSources(new PropertiesConfigSource(new HashMap<>(settings), "environment", 300))
                .build();
    }

    @Test
    void shouldBeOffWithoutAProvider() {
        SmallRyeConfig config = config(Map.of());
        assertEquals("false", config.getConfigValue(DEFAULT_TENANT).getValue());
        assertEquals("false", config.getConfigValue(SIGN_IN_TENANT).getValue());
        assertEquals("false", config(Map.of("quarkus.oidc.auth-server-url", " ")).getConfigValue(SIGN_IN_TENANT).getValue());
    }

    @Test
    void shouldBeOnWithAProvider() {
        SmallRyeConfig config = config(Map.of("quarkus.oidc.auth-server-url", "https://login.example/realms/sgl"));
        assertEquals("true", config.getConfigValue(DEFAULT_TENANT).getValue());
        assertEquals("true", config.getConfigValue(SIGN_IN_TENANT).getValue());
    }

    @Test
    void shouldLeaveAChoiceThatWasMade() {
        SmallRyeConfig config = config(Map.of("quarkus.oidc.auth-server-url", "https://login.example/realms/sgl",
                SIGN_IN_TENANT, "false"));
        assertEquals("false", config.getConfigValue(SIGN_IN_TENANT).getValue());
        assertEquals("true", config.getConfigValue(DEFAULT_TENANT).getValue());
    }
}
