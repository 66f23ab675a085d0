package nl.sglzorg.meldpunt.directory;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.Set;

/**
 * Turns sign-in with the organisation's account (OpenID Connect) on exactly when a provider is named:
 * both OIDC tenants — the default one, which checks bearer tokens on {@code /api}, and {@code sgl},
 * the authorization-code flow behind {@code /beheer/inloggen/sgl} — are enabled when
 * {@code quarkus.oidc.auth-server-url} is set, and disabled (Meldpunt as without OIDC) when it is not.
 * So the three settings turn it on without a rebuild. A {@code tenant-enabled} that someone set
 * (environment, system property, application.properties) wins. Registered in
 * {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}.
 */
@Priority(Priorities.APPLICATION)
public class OidcSwitch implements ConfigSourceInterceptor {

    static final String AUTH_SERVER_URL = "quarkus.oidc.auth-server-url";
    /** The tenant that runs the code flow for the staff desk's sign-in page. */
    public static final String SIGN_IN_TENANT = "sgl";
    static final Set<String> SWITCHES = Set.of("quarkus.oidc.tenant-enabled",
            "quarkus.oidc." + SIGN_IN_TENANT + ".tenant-enabled");
    /** Sources below this ordinal only hold defaults (Quarkus' and the extensions'). */
    private static final int LOWEST_SET_BY_A_PERSON = 100;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SWITCHES.contains(name) || isSet(value)) {
            return value;
        }
        ConfigValue url = context.proceed(AUTH_SERVER_URL);
        boolean configured = url != null && url.getValue() != null && !url.getValue().isBlank();
        ConfigValue base = value != null ? value : ConfigValue.builder().withName(name).build();
        return base.withValue(Boolean.toString(configured)).withConfigSourceName(getClass().getSimpleName());
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && value.getConfigSourceOrdinal() >= LOWEST_SET_BY_A_PERSON;
    }
}
