package nl.sglzorg.meldpunt.routing;

import jakarta.persistence.Converter;
import nl.sglzorg.meldpunt.kernel.Topic;

@Converter
public class TopicSetConverter extends EnumSetConverter<Topic> {

    public TopicSetConverter() {
        super(Topic.class);
    }
}
