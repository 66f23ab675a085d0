package nl.sglzorg.meldpunt.common.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;

/**
 * JSON is read strictly: a number is not a text, {@code 0} is not an enum constant, a key may
 * appear once, and nothing may follow the object. A client learns of its mistake instead of having
 * it silently reinterpreted.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** After Quarkus's own customizers, so the strict instant reader replaces the default one. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    @SuppressWarnings("deprecation") // ObjectMapper#configure(MapperFeature) is the way to set it on a built mapper
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // No text may hold a NUL character: PostgreSQL cannot store one, and no person types one.
        mapper.registerModule(new SimpleModule("no-nul").addDeserializer(String.class,
                new StdDeserializer<String>(String.class) {
                    @Override
                    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                        String value = StringDeserializer.instance.deserialize(parser, context);
                        if (value != null && value.indexOf('\u0000') >= 0) {
                            return (String) context.handleWeirdStringValue(String.class, value, "bevat een NUL-teken");
                        }
                        return value;
                    }
                }));
        // An instant is written as text (2026-11-24T09:30:00Z), never as a bare number of seconds.
        mapper.registerModule(new SimpleModule("strict-instants").addDeserializer(Instant.class,
                new StdDeserializer<Instant>(Instant.class) {
                    @Override
                    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                        if (parser.currentToken() != JsonToken.VALUE_STRING) {
                            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
                        }
                        return InstantDeserializer.INSTANT.deserialize(parser, context);
                    }
                }));
    }
}
