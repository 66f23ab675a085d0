package nl.sglzorg.meldpunt.routing;

import jakarta.persistence.Converter;

@Converter
public class TopicSetConverter extends EnumSetConverter<Topic> {

    public TopicSetConverter() {
        super(Topic.class);
    }
}
