package org.aepsbridge.resendotp.rules;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.aepsbridge.resendotp.aopay.AopaySettings;

/** {@code Pipe} is optional; when given it must be the configured pipe ({@code aopay.pipe}, AOPay says "Must Be bank6"). */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConfiguredPipe.Validator.class)
public @interface ConfiguredPipe {
    String message() default "must be absent or the configured pipe";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ConfiguredPipe, String> {
        // A Provider: validators are built with the validator factory, before runtime configuration exists.
        @Inject
        Provider<AopaySettings> settings;

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.equals(settings.get().pipe())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(
                            "must be absent or \"" + settings.get().pipe() + "\" (the configured pipe)")
                    .addConstraintViolation();
            return false;
        }
    }
}
