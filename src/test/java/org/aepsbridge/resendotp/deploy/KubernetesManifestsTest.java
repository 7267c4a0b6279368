package org.aepsbridge.resendotp.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfig;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * The manifests under k8s/ agree with the application: the container port is the HTTP
 * port, the probes are the health endpoints, and every environment variable a ConfigMap
 * or Secret sets is the environment form of a real configuration key.
 */
@QuarkusTest
class KubernetesManifestsTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Inject
    Config config;

    static List<JsonNode> manifests() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).toList()) {
                try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
                    YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
                }
            }
        }
        return docs;
    }

    static Stream<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText()));
    }

    @Test
    void containerPortAndProbesAreTheApplicationsHttpPortAndHealthEndpoints() throws IOException {
        JsonNode deployment = ofKind(manifests(), "Deployment")
                .filter(d -> d.path("spec").path("template").path("spec").path("containers").get(0).has("image"))
                .findFirst().orElseThrow();
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        // The port the application is built to listen on (tests run it on another one).
        String httpPort = java.util.stream.StreamSupport.stream(config.getConfigSources().spliterator(), false)
                .filter(source -> source.getName().contains("application.properties"))
                .map(source -> source.getValue("quarkus.http.port"))
                .filter(java.util.Objects::nonNull)
                .findFirst().orElseThrow();
        assertEquals(Integer.parseInt(httpPort), container.path("ports").get(0).path("containerPort").asInt());
        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/started", container.path("startupProbe").path("httpGet").path("path").asText());
        assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        assertTrue(deployment.path("spec").path("template").path("spec").path("securityContext").path("runAsNonRoot").asBoolean());
    }

    @Test
    void everyEnvironmentVariableNamesARealSetting() throws IOException {
        Set<String> settingsAsEnv = new HashSet<>();
        for (String name : ((SmallRyeConfig) config).getPropertyNames()) {
            settingsAsEnv.add(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (JsonNode doc : manifests()) {
            String kind = doc.path("kind").asText();
            JsonNode values = "ConfigMap".equals(kind) ? doc.path("data") : "Secret".equals(kind) ? doc.path("stringData") : null;
            if (values == null) {
                continue;
            }
            for (var names = values.fieldNames(); names.hasNext(); checked++) {
                String env = names.next();
                if (!settingsAsEnv.contains(env)) {
                    unknown.add(env);
                }
            }
        }
        assertTrue(checked > 10, "too few variables found to prove anything: " + checked);
        assertTrue(unknown.isEmpty(), "environment variables in k8s/ that name no setting: " + unknown);
    }

    @Test
    void secretTemplatesHoldNoRealValues() throws IOException {
        ofKind(manifests(), "Secret").forEach(secret -> secret.path("stringData").forEach(value ->
                assertEquals("replace-me", value.asText(), "a Secret template must not carry a real value")));
        assertFalse(ofKind(manifests(), "Secret").findAny().isEmpty());
    }
}
