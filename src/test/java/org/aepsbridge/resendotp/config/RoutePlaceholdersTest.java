package org.aepsbridge.resendotp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aepsbridge.resendotp.camel.ConfigPlaceholders;
import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.PropertiesComponent;
import org.junit.jupiter.api.Test;

/**
 * The routes' {@code {{...}}} placeholders are answered by the Quarkus configuration through
 * {@link ConfigPlaceholders}, asked before any other source, with the configuration's own
 * precedence: a profile's value over the file's, a mapping's default when nothing is set, and a
 * placeholder's own default when the setting does not exist.
 */
@QuarkusTest
class RoutePlaceholdersTest {

    @Inject
    CamelContext camel;

    @Test
    void placeholdersAreAnsweredByTheQuarkusConfigurationFirst() {
        PropertiesComponent properties = (PropertiesComponent) camel.getPropertiesComponent();
        assertInstanceOf(
                ConfigPlaceholders.class, properties.getPropertiesSources().get(0));

        // %test.aopay.retry.initial-delay-ms=10 in application.properties wins for the test profile
        assertEquals("10", camel.resolvePropertyPlaceholders("{{aopay.retry.initial-delay-ms}}"));
        // set nowhere: the @WithDefault of AopaySettings
        assertEquals("bank6", camel.resolvePropertyPlaceholders("{{aopay.pipe}}"));
        // not a setting at all: the placeholder's own default, and nothing from the source
        assertEquals("fallback", camel.resolvePropertyPlaceholders("{{no.such.setting:fallback}}"));
        assertNull(properties.getPropertiesSources().get(0).getProperty("no.such.setting"));
    }
}
