package org.aepsbridge.resendotp.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

/**
 * Makes Hibernate Validator name fields as callers know them ({@code AdhaarNumber},
 * {@code RegistrationID}: the {@link JsonProperty} names), not as Java does.
 */
@ApplicationScoped
public class JsonFieldNames implements ValidatorFactoryCustomizer, PropertyNodeNameProvider {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        configuration.propertyNodeNameProvider(this);
    }

    @Override
    public String getName(Property property) {
        if (property instanceof JavaBeanProperty bean) {
            try {
                JsonProperty json = bean.getDeclaringClass()
                        .getDeclaredField(property.getName())
                        .getAnnotation(JsonProperty.class);
                if (json != null && !json.value().isEmpty()) {
                    return json.value();
                }
            } catch (NoSuchFieldException ignored) {
                // a getter without a field of the same name: keep the Java name
            }
        }
        return property.getName();
    }
}
