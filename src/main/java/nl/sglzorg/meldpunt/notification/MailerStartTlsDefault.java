package nl.sglzorg.meldpunt.notification;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * Makes STARTTLS {@code REQUIRED} instead of Quarkus' {@code OPTIONAL} when Meldpunt signs in to its
 * SMTP server ({@code quarkus.mailer.username} set): with {@code OPTIONAL} a server, or anyone between
 * it and Meldpunt, that does not offer STARTTLS gets the password and every e-mail in plain text.
 * A {@code quarkus.mailer.start-tls} that is set anywhere (environment, system property,
 * application.properties) wins, and implicit TLS ({@code quarkus.mailer.tls=true}) needs no STARTTLS.
 * Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}.
 */
@Priority(Priorities.APPLICATION)
public class MailerStartTlsDefault implements ConfigSourceInterceptor {

    static final String START_TLS = "quarkus.mailer.start-tls";
    static final String USERNAME = "quarkus.mailer.username";
    static final String TLS = "quarkus.mailer.tls";
    /**
     * Sources below this ordinal only hold defaults (Quarkus' and the extensions'); the lowest place a
     * person sets something, a {@code microprofile-config.properties}, has 100.
     */
    private static final int LOWEST_SET_BY_A_PERSON = 100;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!START_TLS.equals(name) || isSet(value)) {
            return value;
        }
        ConfigValue username = context.proceed(USERNAME);
        ConfigValue tls = context.proceed(TLS);
        boolean signsIn = username != null && username.getValue() != null && !username.getValue().isBlank();
        boolean implicitTls = tls != null && "true".equalsIgnoreCase(String.valueOf(tls.getValue()).strip());
        if (!signsIn || implicitTls) {
            return value;
        }
        ConfigValue base = value != null ? value : ConfigValue.builder().withName(START_TLS).build();
        return base.withValue("REQUIRED").withConfigSourceName(getClass().getSimpleName());
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && value.getConfigSourceOrdinal() >= LOWEST_SET_BY_A_PERSON;
    }
}
