package nl.sglzorg.meldpunt.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The reporter pages' words, Dutch (plain language) and English, from {@code web/texts_nl.properties}
 * and {@code web/texts_en.properties}. Templates read them as {@code {t.key}}.
 */
@ApplicationScoped
public class Texts {

    private final Map<String, Map<String, String>> byLanguage = Map.of("nl", load("nl"), "en", load("en"));

    /** {@code en} when asked for, else Dutch: an unknown value never fails a page. */
    public static String language(String requested) {
        return "en".equals(requested) ? "en" : "nl";
    }

    public Map<String, String> of(String language) {
        return byLanguage.get(language(language));
    }

    public String get(String language, String key) {
        String text = of(language).get(key);
        if (text == null) {
            throw new IllegalStateException("no text " + key + " for " + language);
        }
        return text;
    }

    private static Map<String, String> load(String language) {
        String name = "web/texts_" + language + ".properties";
        try (InputStream in = Texts.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> texts = new TreeMap<>();
            properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
            return Map.copyOf(texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
