package nl.sglzorg.meldpunt.routing;

import jakarta.persistence.Converter;
import nl.sglzorg.meldpunt.kernel.Platform;

@Converter
public class PlatformSetConverter extends EnumSetConverter<Platform> {

    public PlatformSetConverter() {
        super(Platform.class);
    }
}
