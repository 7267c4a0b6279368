package org.aepsbridge.resendotp.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * Who a JMS request's client is (docs/jms.md, "Who may use the broker"): the broker's validated
 * user of the message, unless the settings say the broker does not stamp one; then, and
 * for a message without one, the configured default client.
 */
class JmsClientTest {

    static JmsMessages channel(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of(
                "aopay.base-url",
                "http://127.0.0.1:9",
                "aopay.auth.api-key",
                "k",
                "aopay.jms.broker-url",
                "tcp://127.0.0.1:9"));
        all.putAll(settings);
        JmsSettings aopay = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(all, "test", 100))
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(JmsSettings.class)
                .build()
                .getConfigMapping(JmsSettings.class);
        return new JmsMessages(aopay, new ObjectMapper());
    }

    /** A JMS message as the bundle's consumer receives it, with the broker's validated user, or none. */
    static JmsMessage received(String validatedUser) {
        jakarta.jms.Message jms = (jakarta.jms.Message) Proxy.newProxyInstance(
                JmsClientTest.class.getClassLoader(),
                new Class<?>[] {jakarta.jms.TextMessage.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getStringProperty" -> "JMSXUserID".equals(args[0]) ? validatedUser : null;
                    case "toString" -> "a text message";
                    default -> null;
                });
        return new JmsMessage(new DefaultExchange(new DefaultCamelContext()), jms, null, null);
    }

    @Test
    void theClientIsTheBrokersValidatedUser() {
        assertEquals("legacy", channel(Map.of()).client(received("legacy")));
    }

    @Test
    void aMessageWithoutAValidatedUserHasTheDefaultClient() {
        assertEquals("jms", channel(Map.of()).client(received(null)));
        assertEquals("jms", channel(Map.of()).client(received(" ")));
        assertEquals(
                "core-systems",
                channel(Map.of("aopay.jms.default-client", "core-systems")).client(received(null)));
    }

    @Test
    void aBrokerThatDoesNotStampTheUserIsNotBelieved() {
        // the property would be the sender's own claim there
        JmsMessages channel = channel(
                Map.of("aopay.jms.validated-user-is-client", "false", "aopay.jms.default-client", "partner-broker"));
        assertEquals("partner-broker", channel.client(received("someone-else")));
    }
}
