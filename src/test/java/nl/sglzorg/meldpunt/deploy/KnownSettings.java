package nl.sglzorg.meldpunt.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings.ConfigClass;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;

/**
 * Every setting the application reads, by environment variable: the {@code meldpunt.*} settings of
 * {@link MeldpuntConfig} as SmallRye Config maps them, and the {@code quarkus.*} properties of the
 * Quarkus extensions the application is built with, from the configuration model each extension's
 * runtime jar ships ({@code META-INF/quarkus-config-doc/quarkus-config-model.json}, the source of the
 * Quarkus configuration reference). An extension that is not a dependency contributes nothing, so a
 * variable of an extension Meldpunt does not use is unknown too.
 */
final class KnownSettings {

    static final String QUARKUS_MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";

    /** A setting: its property name, environment variable, and whether it is read when the application starts. */
    record Setting(String property, String envVar, boolean readAtStart, Optional<String> defaultValue) {
    }

    /** A setting whose name holds a map key, such as {@code quarkus.log.category."name".level}. */
    private record Keyed(Pattern envVar, Setting setting) {
    }

    private final Map<String, Setting> byEnvVar;
    private final List<Keyed> keyed;
    private final List<Setting> meldpunt;

    private KnownSettings(Map<String, Setting> byEnvVar, List<Keyed> keyed, List<Setting> meldpunt) {
        this.byEnvVar = byEnvVar;
        this.keyed = keyed;
        this.meldpunt = meldpunt;
    }

    static KnownSettings load() {
        Map<String, Setting> byEnvVar = new TreeMap<>();
        List<Keyed> keyed = new ArrayList<>();
        int models = 0;
        try {
            var resources = KnownSettings.class.getClassLoader().getResources(QUARKUS_MODEL);
            while (resources.hasMoreElements()) {
                readQuarkusModel(resources.nextElement(), byEnvVar, keyed);
                models++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (models == 0) {
            throw new IllegalStateException("No Quarkus configuration model on the class path (" + QUARKUS_MODEL + ")");
        }
        List<Setting> meldpunt = new ArrayList<>();
        for (Map.Entry<String, Property> entry
                : ConfigMappings.getProperties(ConfigClass.configClass(MeldpuntConfig.class)).entrySet()) {
            String name = entry.getKey();
            Property property = entry.getValue();
            if (property.isGroup() || name.contains("[")) { // "[*]": one element of a list, set as a whole
                continue;
            }
            Optional<String> defaultValue = property.hasDefaultValue()
                    ? Optional.of(property.getDefaultValue()) : Optional.empty();
            Setting setting = new Setting(name, envVar(name), true, defaultValue);
            meldpunt.add(setting);
            byEnvVar.put(setting.envVar(), setting);
        }
        meldpunt.sort((a, b) -> a.property().compareTo(b.property()));
        return new KnownSettings(byEnvVar, keyed, Collections.unmodifiableList(meldpunt));
    }

    /** The setting an environment variable sets, if the application reads it. */
    Optional<Setting> byEnvVar(String name) {
        Setting exact = byEnvVar.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        return keyed.stream().filter(k -> k.envVar().matcher(name).matches()).map(Keyed::setting).findFirst();
    }

    /** Every {@code meldpunt.*} setting, by property name. */
    List<Setting> meldpunt() {
        return meldpunt;
    }

    /** SmallRye Config's environment variable for a property: upper case, every other character an underscore. */
    static String envVar(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static void readQuarkusModel(URL model, Map<String, Setting> byEnvVar, List<Keyed> keyed)
            throws IOException {
        JsonNode root;
        try (InputStream in = model.openStream()) {
            root = new ObjectMapper().readTree(in);
        }
        for (JsonNode configRoot : root.path("configRoots")) {
            readItems(configRoot.path("items"), byEnvVar, keyed);
        }
    }

    private static void readItems(JsonNode items, Map<String, Setting> byEnvVar, List<Keyed> keyed) {
        for (JsonNode item : items) {
            if (item.has("items")) {
                readItems(item.path("items"), byEnvVar, keyed);
                continue;
            }
            if (!item.path("path").has("property")) {
                continue;
            }
            // BUILD_TIME and BUILD_AND_RUN_TIME_FIXED are fixed when the application is built.
            boolean readAtStart = "RUN_TIME".equals(item.path("phase").asText());
            Optional<String> defaultValue = item.has("defaultValue")
                    ? Optional.of(item.get("defaultValue").asText()) : Optional.empty();
            List<JsonNode> paths = new ArrayList<>();
            paths.add(item.path("path"));
            item.path("additionalPaths").forEach(paths::add);
            for (JsonNode path : paths) {
                String property = path.path("property").asText();
                Setting setting = new Setting(property, path.path("environmentVariable").asText(), readAtStart,
                        defaultValue);
                if (property.contains("\"") || property.contains("*")) {
                    keyed.add(new Keyed(keyedEnvVar(property), setting));
                } else {
                    byEnvVar.putIfAbsent(setting.envVar(), setting);
                }
            }
        }
    }

    private static final Pattern KEY = Pattern.compile("\"[^\"]*\"|\\*");

    /**
     * A map key in an environment variable is either one word ({@code QUARKUS_LOG_CATEGORY_ROOT_LEVEL})
     * or quoted with double underscores ({@code QUARKUS_LOG_CATEGORY__ORG_HIBERNATE__LEVEL}).
     */
    private static Pattern keyedEnvVar(String property) {
        StringBuilder regex = new StringBuilder();
        Matcher key = KEY.matcher(property);
        int at = 0;
        while (key.find()) {
            regex.append(Pattern.quote(envVar(property.substring(at, key.start()))));
            regex.append("(?:[A-Z0-9]+|_[A-Z0-9_]+_)");
            at = key.end();
        }
        regex.append(Pattern.quote(envVar(property.substring(at))));
        return Pattern.compile(regex.toString());
    }
}
