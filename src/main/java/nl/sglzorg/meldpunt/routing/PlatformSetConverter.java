package nl.sglzorg.meldpunt.routing;

import jakarta.persistence.Converter;

@Converter
public class PlatformSetConverter extends EnumSetConverter<Platform> {

    public PlatformSetConverter() {
        super(Platform.class);
    }
}
