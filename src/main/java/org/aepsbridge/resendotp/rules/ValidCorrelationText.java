package org.aepsbridge.resendotp.rules;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.aepsbridge.resendotp.model.ResendRequest;

/**
 * {@link CorrelationText}'s rule as a constraint. A value of Unicode spaces only is
 * reported as missing, as {@code @NotBlank} reports ASCII ones.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidCorrelationText.Validator.class)
public @interface ValidCorrelationText {
    String message() default CorrelationText.RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidCorrelationText, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true; // @NotBlank says so
            }
            if (CorrelationText.isBlank(value)) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(ResendRequest.Rules.REQUIRED)
                        .addConstraintViolation();
                return false;
            }
            return CorrelationText.isPlain(value);
        }
    }
}
