package org.aepsbridge.resendotp.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface;
import io.smallrye.config.ConfigMappings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.aepsbridge.resendotp.aopay.AopaySettings;
import org.aepsbridge.resendotp.aopay.AopayTlsSettings;
import org.aepsbridge.resendotp.csv.ClusterSettings;
import org.aepsbridge.resendotp.csv.FileSettings;
import org.aepsbridge.resendotp.jms.BrokerTrustStore;
import org.aepsbridge.resendotp.jms.EmbeddedBrokerTls;
import org.aepsbridge.resendotp.jms.JmsSettings;
import org.aepsbridge.resendotp.limits.LimitsSettings;
import org.aepsbridge.resendotp.rest.IdempotencySettings;
import org.aepsbridge.resendotp.sandbox.SandboxSettings;
import org.aepsbridge.resendotp.security.SecuritySettings;
import org.aepsbridge.resendotp.state.StateSettings;

/**
 * Every {@code @ConfigMapping} of the bundle, one per concern, each under its own {@code aopay.}
 * prefix. Tests that look at "every setting the application knows" read them from here.
 */
public final class SettingsMappings {

    /** The AOPay call (and its TLS), CSV drop folder, cluster, JMS (and its TLS), state, limits, idempotency, sandbox and security. */
    public static final List<Class<?>> ALL = List.of(
            AopaySettings.class,
            AopayTlsSettings.class,
            FileSettings.class,
            ClusterSettings.class,
            JmsSettings.class,
            BrokerTrustStore.class,
            EmbeddedBrokerTls.class,
            StateSettings.class,
            LimitsSettings.class,
            IdempotencySettings.class,
            SandboxSettings.class,
            SecuritySettings.class);

    private SettingsMappings() {}

    /** The prefix a mapping binds under, as its annotation says. */
    public static String prefix(Class<?> mapping) {
        return mapping.getAnnotation(ConfigMapping.class).prefix();
    }

    /** Every property of every mapping by its full name (a map's key as {@code *}), sorted. */
    public static Map<String, ConfigMappingInterface.Property> properties() {
        Map<String, ConfigMappingInterface.Property> all = new TreeMap<>();
        for (Class<?> mapping : ALL) {
            all.putAll(ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(mapping, prefix(mapping))));
        }
        return all;
    }
}
