package org.aepsbridge.resendotp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMappingInterface;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.aepsbridge.resendotp.support.SettingsMappings;
import org.junit.jupiter.api.Test;

/**
 * Settings are the bundle's contract with its operators: splitting the one mapping of every
 * setting into a mapping per concern must not rename a single one. The names below are every
 * property the single {@code AopaySettings} mapping had before the split, written down from it;
 * each must still exist and bind, from a property and from its environment variable, to a value
 * that is not its default. And each default lives in one place, its {@code @WithDefault}.
 */
class SettingsNamesTest {

    /** Every property of the single mapping before the split ({@code *}: a map's key). */
    static final List<String> BEFORE_THE_SPLIT = List.of(
            "aopay.access-mode-type",
            "aopay.auth.api-key",
            "aopay.auth.bearer-token",
            "aopay.auth.header-name",
            "aopay.auth.headers.*",
            "aopay.base-url",
            "aopay.circuit.failure-percent",
            "aopay.circuit.open-ms",
            "aopay.circuit.request-volume",
            "aopay.circuit.success-threshold",
            "aopay.cluster.heartbeat-interval",
            "aopay.cluster.lock-folder",
            "aopay.cluster.missed-heartbeats",
            "aopay.file.change-watch",
            "aopay.file.charset",
            "aopay.file.client-name",
            "aopay.file.concurrency",
            "aopay.file.done",
            "aopay.file.done-marker",
            "aopay.file.error",
            "aopay.file.inbox",
            "aopay.file.outbox",
            "aopay.file.poll-delay-ms",
            "aopay.file.progress-retention",
            "aopay.file.stable-for-ms",
            "aopay.file.work",
            "aopay.http.connect-timeout-ms",
            "aopay.http.max-connections",
            "aopay.http.response-timeout-ms",
            "aopay.idempotency.max-keys",
            "aopay.idempotency.ttl",
            "aopay.idempotency.wait-for-first",
            "aopay.jms.broker-url",
            "aopay.jms.claim-retention",
            "aopay.jms.concurrent-consumers",
            "aopay.jms.default-client",
            "aopay.jms.dlq",
            "aopay.jms.embedded-broker.data-dir",
            "aopay.jms.embedded-broker.enabled",
            "aopay.jms.embedded-broker.host",
            "aopay.jms.embedded-broker.port",
            "aopay.jms.embedded-broker.users.*.password",
            "aopay.jms.embedded-broker.users.*.roles",
            "aopay.jms.error-queue",
            "aopay.jms.failed-queue",
            "aopay.jms.max-message-size",
            "aopay.jms.max-redeliveries",
            "aopay.jms.password",
            "aopay.jms.redelivery-delay-ms",
            "aopay.jms.rejected-queue",
            "aopay.jms.reply-queues",
            "aopay.jms.requests-queue",
            "aopay.jms.success-queue",
            "aopay.jms.username",
            "aopay.jms.validated-user-is-client",
            "aopay.limits.enabled",
            "aopay.limits.max-identities",
            "aopay.limits.max-per-window",
            "aopay.limits.min-interval",
            "aopay.limits.window",
            "aopay.pipe",
            "aopay.resend-path",
            "aopay.retry.initial-delay-ms",
            "aopay.retry.max-delay-ms",
            "aopay.retry.max-redeliveries",
            "aopay.sandbox.api-key",
            "aopay.sandbox.enabled",
            "aopay.sandbox.registrations",
            "aopay.state.cleanup-interval",
            "aopay.state.identity-key",
            "aopay.state.password",
            "aopay.state.store",
            "aopay.state.url",
            "aopay.state.username");

    @Test
    void everyNameTheOldMappingHadStillExists() {
        Set<String> now = SettingsMappings.properties().keySet();
        List<String> lost =
                BEFORE_THE_SPLIT.stream().filter(name -> !now.contains(name)).toList();
        assertEquals(List.of(), lost, "settings that no mapping binds any more");
        assertEquals(74, BEFORE_THE_SPLIT.size());
    }

    @Test
    void everyNameBindsFromAProperty() {
        Map<String, String> values = probeValues();
        SmallRyeConfig config = build(new PropertiesConfigSource(values, "probe", 100));
        assertEverySettingReads(config, values);
    }

    @Test
    void everyNameBindsFromItsEnvironmentVariable() {
        Map<String, String> values = probeValues();
        Map<String, String> env = new HashMap<>();
        values.forEach((name, value) -> env.put(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        assertTrue(
                env.containsKey("AOPAY_JMS_EMBEDDED_BROKER_USERS_PROBE_PASSWORD"),
                env.keySet().toString());
        SmallRyeConfig config = build(new EnvConfigSource(env, 300));
        assertEverySettingReads(config, values);
    }

    /**
     * A default is said once, in its {@code @WithDefault}: no line of application.properties
     * outside a profile repeats it. Profile lines (%test., %embedded.) are the properties
     * file's to keep.
     */
    @Test
    void noDefaultIsRepeatedInApplicationProperties() throws IOException {
        Properties file = new Properties();
        try (InputStream in = SettingsNamesTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            file.load(in);
        }
        Map<String, ConfigMappingInterface.Property> settings = SettingsMappings.properties();
        List<String> repeated = new ArrayList<>();
        for (String key : file.stringPropertyNames()) {
            ConfigMappingInterface.Property setting = settings.get(key);
            if (!key.startsWith("%")
                    && setting != null
                    && setting.hasDefaultValue()
                    && setting.getDefaultValue().equals(file.getProperty(key).trim())) {
                repeated.add(key);
            }
        }
        assertEquals(List.of(), repeated.stream().sorted().toList(), "defaults repeated beside their @WithDefault");
    }

    // ---------------------------------------------------------------------------------------

    /** The old names (map keys as "probe") and a value for each that is not its default. */
    static Map<String, String> probeValues() {
        Map<String, ConfigMappingInterface.Property> properties = SettingsMappings.properties();
        Map<String, String> values = new TreeMap<>();
        int i = 0;
        for (String pattern : BEFORE_THE_SPLIT) {
            ConfigMappingInterface.Property property = properties.get(pattern);
            String fallback = property != null && property.hasDefaultValue() ? property.getDefaultValue() : null;
            values.put(pattern.replace("*", "probe"), probe(valueType(leaf(pattern)), fallback, i++));
        }
        return values;
    }

    /** A value of the setting's type, other than its default (different for each setting). */
    static String probe(Type type, String fallback, int i) {
        Class<?> raw = raw(unwrap(type));
        String value;
        if (raw == String.class) {
            value = "probe-" + i;
        } else if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            value = String.valueOf(7000 + i);
        } else if (raw == boolean.class) {
            value = String.valueOf(!Boolean.parseBoolean(fallback));
        } else if (raw == Duration.class) {
            value = (123000 + i) + "ms";
        } else if (raw == Instant.class) {
            value = "2031-02-03T04:05:06Z";
        } else if (raw.isEnum() || raw == Set.class) {
            Class<?> constants =
                    raw.isEnum() ? raw : raw(((ParameterizedType) unwrap(type)).getActualTypeArguments()[0]);
            value = Arrays.stream(constants.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                    .filter(name -> !name.equalsIgnoreCase(fallback))
                    .reduce((first, last) -> last)
                    .orElseThrow();
        } else if (raw == List.class) {
            value = "probe-a" + i + ",probe-b" + i;
        } else {
            throw new AssertionError("no probe value for " + type);
        }
        if (value.equals(fallback)) {
            throw new AssertionError("probe value " + value + " is the default");
        }
        return value;
    }

    static SmallRyeConfig build(org.eclipse.microprofile.config.spi.ConfigSource source) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(source)
                .withConverter(Duration.class, 100, new DurationConverter());
        SettingsMappings.ALL.forEach(builder::withMapping);
        return builder.build();
    }

    /** Each old name read through its mapping's accessors, as the code reads it: the probe value. */
    static void assertEverySettingReads(SmallRyeConfig config, Map<String, String> values) {
        Map<String, String> wrong = new TreeMap<>();
        for (String pattern : BEFORE_THE_SPLIT) {
            String name = pattern.replace("*", "probe");
            Method leaf = leaf(pattern);
            Object read = read(config, pattern);
            Object expected = expected(valueType(leaf), values.get(name));
            if (!expected.equals(read)) {
                wrong.put(name, "read " + read + ", expected " + expected);
            }
        }
        assertEquals(Map.of(), wrong);
    }

    static Object expected(Type type, String value) {
        Class<?> raw = raw(unwrap(type));
        if (raw == int.class || raw == Integer.class) {
            return Integer.valueOf(value);
        } else if (raw == long.class || raw == Long.class) {
            return Long.valueOf(value);
        } else if (raw == boolean.class) {
            return Boolean.valueOf(value);
        } else if (raw == Duration.class) {
            return Duration.ofMillis(Long.parseLong(value.replace("ms", "")));
        } else if (raw == Instant.class) {
            return Instant.parse(value);
        } else if (raw.isEnum()) {
            return enumConstant(raw, value);
        } else if (raw == Set.class) {
            Class<?> element = raw(((ParameterizedType) unwrap(type)).getActualTypeArguments()[0]);
            return Arrays.stream(value.split(","))
                    .map(v -> enumConstant(element, v))
                    .collect(Collectors.toSet());
        } else if (raw == List.class) {
            return List.of(value.split(","));
        }
        return value;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object enumConstant(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name.toUpperCase(Locale.ROOT));
    }

    /** The mapping that binds a name: the one with the longest prefix it starts with. */
    static Class<?> mappingOf(String name) {
        return SettingsMappings.ALL.stream()
                .filter(m -> name.startsWith(SettingsMappings.prefix(m) + "."))
                .max((a, b) -> SettingsMappings.prefix(a).length()
                        - SettingsMappings.prefix(b).length())
                .orElseThrow(() -> new AssertionError("no mapping binds " + name));
    }

    static List<String> path(String name) {
        Class<?> mapping = mappingOf(name);
        return List.of(
                name.substring(SettingsMappings.prefix(mapping).length() + 1).split("\\."));
    }

    /** The accessor of a name's value, found by walking its mapping's interfaces. */
    static Method leaf(String name) {
        Class<?> type = mappingOf(name);
        Method method = null;
        for (String segment : path(name)) {
            if (segment.equals("*")) {
                continue;
            }
            method = accessor(type, segment);
            Type next = method.getGenericReturnType();
            if (raw(next) == Map.class) {
                next = ((ParameterizedType) next).getActualTypeArguments()[1];
            }
            type = raw(next);
        }
        return method;
    }

    /** Reads a name through the accessors of its mapping's instance, a map's key being "probe". */
    static Object read(SmallRyeConfig config, String name) {
        Object current = config.getConfigMapping(mappingOf(name));
        Class<?> type = mappingOf(name);
        for (String segment : path(name)) {
            if (segment.equals("*")) {
                current = ((Map<?, ?>) current).get("probe");
                if (current == null) {
                    return null;
                }
                continue;
            }
            Method method = accessor(type, segment);
            try {
                current = method.invoke(current);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(name + ": " + e, e);
            }
            Type next = method.getGenericReturnType();
            type = raw(raw(next) == Map.class ? ((ParameterizedType) next).getActualTypeArguments()[1] : next);
        }
        return current instanceof Optional<?> optional ? optional.orElse(null) : current;
    }

    static Method accessor(Class<?> type, String kebab) {
        String camel = Arrays.stream(kebab.split("-"))
                .reduce((a, b) -> a + Character.toUpperCase(b.charAt(0)) + b.substring(1))
                .orElseThrow();
        try {
            return type.getMethod(camel);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(type.getSimpleName() + " has no accessor " + camel + "()", e);
        }
    }

    /** The type of a setting's value: an accessor's return type, or a map's value type. */
    static Type valueType(Method accessor) {
        Type type = accessor.getGenericReturnType();
        return raw(type) == Map.class ? ((ParameterizedType) type).getActualTypeArguments()[1] : type;
    }

    static Type unwrap(Type type) {
        return raw(type) == Optional.class ? ((ParameterizedType) type).getActualTypeArguments()[0] : type;
    }

    static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }
}
