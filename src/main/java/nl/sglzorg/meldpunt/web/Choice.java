package nl.sglzorg.meldpunt.web;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;

/** One radio button of a choice on a form, with its words and whether it is picked. */
@TemplateData
public record Choice(String id, String value, String label, String hint, boolean checked) {

    /** A radio button per value, labelled by {@code prefix.VALUE} (and hinted by {@code prefix.VALUE.hint}). */
    public static List<Choice> of(String idPrefix, String textPrefix, Enum<?>[] values, String picked, Texts texts,
            String language) {
        List<Choice> choices = new ArrayList<>();
        for (Enum<?> value : values) {
            String key = textPrefix + "." + value.name();
            choices.add(new Choice(idPrefix + "-" + value.name(), value.name(), texts.get(language, key),
                    texts.of(language).get(key + ".hint"), value.name().equals(picked)));
        }
        return choices;
    }
}
