package org.aepsbridge.resendotp.camel;

import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import org.apache.camel.Ordered;
import org.apache.camel.spi.PropertiesSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Resolves the routes' {@code {{...}}} placeholders from the Quarkus configuration, before
 * Camel Quarkus' own MicroProfile Config source is asked.
 *
 * <p>Same values, same precedence (system properties, environment, application.properties,
 * profiles): both ask {@link Config#getOptionalValue}. Why a source of our own: Camel's
 * {@code DefaultPropertiesLookup} (4.17), after a value is found in a "loadable" source such
 * as Camel Quarkus' {@code CamelMicroProfilePropertiesSource}, calls that source's {@code
 * loadProperties()} to name where the value came from; that lists every configuration property
 * (all settings and environment variables, each resolved twice) at every placeholder, and that
 * list carries no locations, so the source's name is all it can give anyway. That was a third
 * of the main thread's start-up samples (docs/benchmarks.md, "Where start-up goes"). This
 * source is not loadable, so a found value costs one lookup. Camel discovers it in the registry
 * ({@code autoDiscoverPropertiesSources}) and asks it first ({@link Ordered#HIGHEST}).
 */
@Singleton
@Unremovable
public class ConfigPlaceholders implements PropertiesSource, Ordered {

    @Override
    public String getName() {
        return "quarkus-config";
    }

    @Override
    public String getProperty(String name) {
        return ConfigProvider.getConfig().getOptionalValue(name, String.class).orElse(null);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST;
    }
}
