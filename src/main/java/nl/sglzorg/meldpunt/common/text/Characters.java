package nl.sglzorg.meldpunt.common.text;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * At most {@link #max} characters, counted as a reader counts them ({@link Text#characters}): an
 * emoji is one, where {@code @Size} would count two UTF-16 units. {@code null} passes.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Characters.Check.class)
public @interface Characters {

    int max();

    String message() default "{meldpunt.characters.max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The validator behind {@link Characters}. */
    final class Check implements ConstraintValidator<Characters, String> {

        private int max;

        @Override
        public void initialize(Characters constraint) {
            max = constraint.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Text.characters(value) <= max;
        }
    }
}
