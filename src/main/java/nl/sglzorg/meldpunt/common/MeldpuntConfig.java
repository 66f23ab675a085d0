package nl.sglzorg.meldpunt.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;
import java.util.Optional;

/** Application settings; each can be set as a {@code MELDPUNT_*} environment variable. */
@ConfigMapping(prefix = "meldpunt")
public interface MeldpuntConfig {

    /**
     * Password for the first user, {@code communicatie}, created when no user exists. Without it a
     * random password is generated and logged once.
     */
    Optional<String> adminPassword();

    /** Time zone of SGL: the year in a reference and office hours follow it. */
    @WithDefault("Europe/Amsterdam")
    ZoneId timeZone();
}
