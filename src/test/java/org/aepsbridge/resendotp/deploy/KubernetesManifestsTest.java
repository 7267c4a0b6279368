package org.aepsbridge.resendotp.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.SmallRyeConfig;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.aepsbridge.resendotp.jms.JmsSettings;
import org.aepsbridge.resendotp.support.SettingsMappings;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * The manifests under k8s/ agree with the application: the container ports are the HTTP
 * and management ports, the probes are the health endpoints on the management port, only
 * monitoring reaches that port, and every environment variable a ConfigMap
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
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml"))
                    .toList()) {
                try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
                    YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
                }
            }
        }
        return docs;
    }

    /** An overlay as kustomize renders it ({@code kubectl kustomize}), the manifests a cluster receives. */
    static List<JsonNode> rendered(String overlay) throws IOException, InterruptedException {
        // Fails, never skips: a skipped overlay would look like a checked one (.ci/run installs kubectl).
        assertTrue(
                kubectlFound(),
                "kubectl (with kustomize) is not on the PATH: the overlays cannot be rendered"
                        + " and checked; install it (.ci/run does)");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", "k8s/overlays/" + overlay).start();
        byte[] out = kubectl.getInputStream().readAllBytes();
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(
                kubectl.waitFor(60, TimeUnit.SECONDS) && kubectl.exitValue() == 0, "kubectl kustomize failed: " + err);
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(out)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
        }
        return docs;
    }

    static boolean kubectlFound() {
        try {
            Process version = new ProcessBuilder("kubectl", "version", "--client")
                    .redirectErrorStream(true)
                    .start();
            version.getInputStream().readAllBytes();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static JsonNode only(List<JsonNode> docs, String kind) {
        List<JsonNode> found = ofKind(docs, kind).toList();
        assertEquals(1, found.size(), "one " + kind + " expected");
        return found.get(0);
    }

    static Stream<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText()));
    }

    @Test
    void containerPortAndProbesAreTheApplicationsHttpPortAndHealthEndpoints() throws IOException {
        JsonNode deployment = ofKind(manifests(), "Deployment")
                .filter(d -> d.path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .get(0)
                        .has("image"))
                .findFirst()
                .orElseThrow();
        JsonNode container = deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        // The port the application is built to listen on (tests run it on another one).
        assertEquals(
                Integer.parseInt(builtIn("quarkus.http.port")),
                container.path("ports").get(0).path("containerPort").asInt());
        assertEquals("http", container.path("ports").get(0).path("name").asText());
        // health is on the management interface, not the API port
        assertEquals(
                Integer.parseInt(builtIn("quarkus.management.port")),
                container.path("ports").get(1).path("containerPort").asInt());
        assertEquals("management", container.path("ports").get(1).path("name").asText());
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertEquals(
                    "management",
                    container.path(probe).path("httpGet").path("port").asText(),
                    probe);
        }
        assertEquals(
                "/q/health/ready",
                container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals(
                "/q/health/live",
                container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals(
                "/q/health/started",
                container.path("startupProbe").path("httpGet").path("path").asText());
        assertTrue(
                container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        assertTrue(deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("securityContext")
                .path("runAsNonRoot")
                .asBoolean());
    }

    /** A setting as application.properties has it (the tests run on other ports). */
    String builtIn(String name) {
        return java.util.stream.StreamSupport.stream(config.getConfigSources().spliterator(), false)
                .filter(source -> source.getName().contains("application.properties"))
                .map(source -> source.getValue(name))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theServiceAndTheNetworkPolicyKeepTheApiForCallersAndTheManagementPortForMonitoring() throws IOException {
        JsonNode service = ofKind(manifests(), "Service")
                .filter(d -> d.path("spec").has("ports"))
                .filter(d ->
                        d.path("spec").path("ports").findValuesAsText("name").contains("management"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of("http", "management"),
                service.path("spec").path("ports").findValuesAsText("targetPort"));
        JsonNode policy = ofKind(manifests(), "NetworkPolicy")
                .filter(d -> "aopay-resend-otp"
                        .equals(d.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "aopay-resend-otp",
                policy.path("spec")
                        .path("podSelector")
                        .path("matchLabels")
                        .path("app.kubernetes.io/name")
                        .asText());
        JsonNode rules = policy.path("spec").path("ingress");
        assertEquals(2, rules.size(), "one rule for callers, one for monitoring: " + rules);
        assertEquals("http", rules.get(0).path("ports").get(0).path("port").asText());
        assertEquals(
                "management", rules.get(1).path("ports").get(0).path("port").asText());
        assertEquals(
                "monitoring",
                rules.get(1)
                        .path("from")
                        .get(0)
                        .path("namespaceSelector")
                        .path("matchLabels")
                        .path("kubernetes.io/metadata.name")
                        .asText(),
                "only monitoring reaches health and metrics");
        for (JsonNode rule : rules) {
            assertEquals(1, rule.path("ports").size(), "each rule admits one port: " + rule);
        }
    }

    @Test
    void everyEnvironmentVariableNamesARealSetting() throws IOException {
        Set<String> settingsAsEnv = new HashSet<>();
        for (String name : ((SmallRyeConfig) config).getPropertyNames()) {
            settingsAsEnv.add(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        // and every aopay.* setting the application knows, also those without a value (Optional ones);
        // a map's key (aopay.jms.embedded-broker.users.*.password) is a name of letters and digits:
        // SmallRye Config cannot tell where a key with an underscore would end in a variable's name
        List<java.util.regex.Pattern> mapSettingsAsEnv = new ArrayList<>();
        // ... and Quarkus' own quarkus.config.locations (the TLS settings file of the production overlay)
        Set<String> known = new HashSet<>(SettingsMappings.properties().keySet());
        known.addAll(ConfigMappings.getProperties(
                        ConfigMappings.ConfigClass.configClass(io.quarkus.runtime.ConfigConfig.class, "quarkus"))
                .keySet());
        for (String name : known) {
            String env = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9*]", "_");
            if (env.contains("*")) {
                mapSettingsAsEnv.add(java.util.regex.Pattern.compile(java.util.Arrays.stream(env.split("\\*", -1))
                        .map(java.util.regex.Pattern::quote)
                        .collect(java.util.stream.Collectors.joining("[A-Z0-9]+"))));
            } else {
                settingsAsEnv.add(env);
            }
        }
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (JsonNode doc : manifests()) {
            String kind = doc.path("kind").asText();
            JsonNode values =
                    "ConfigMap".equals(kind) ? doc.path("data") : "Secret".equals(kind) ? doc.path("stringData") : null;
            if (values == null) {
                continue;
            }
            for (var names = values.fieldNames(); names.hasNext(); checked++) {
                String env = names.next();
                if (!settingsAsEnv.contains(env)
                        && mapSettingsAsEnv.stream()
                                .noneMatch(p -> p.matcher(env).matches())) {
                    unknown.add(env);
                }
            }
        }
        assertTrue(checked > 10, "too few variables found to prove anything: " + checked);
        assertTrue(unknown.isEmpty(), "environment variables in k8s/ that name no setting: " + unknown);
    }

    @Test
    void productionMountsTheTlsMaterialFromSecretsAndTurnsTlsOnForEveryConnection() throws Exception {
        List<JsonNode> production = rendered("production");
        JsonNode pod =
                only(production, "Deployment").path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        Map<String, String> secretOfVolume = new java.util.HashMap<>();
        pod.path("volumes").forEach(v -> {
            if (v.has("secret")) {
                secretOfVolume.put(
                        v.path("name").asText(),
                        v.path("secret").path("secretName").asText());
            }
        });
        Map<String, String> mounted = new java.util.HashMap<>(); // mount path -> Secret
        container.path("volumeMounts").forEach(m -> {
            if (secretOfVolume.containsKey(m.path("name").asText())) {
                assertTrue(m.path("readOnly").asBoolean(), "a Secret is mounted read-only: " + m);
                mounted.put(
                        m.path("mountPath").asText(),
                        secretOfVolume.get(m.path("name").asText()));
            }
        });
        assertEquals(
                Map.of(
                        "/deployments/tls/api",
                        "aopay-resend-otp-api-tls",
                        "/deployments/tls/broker",
                        "aopay-resend-otp-broker-trust",
                        "/deployments/tls/postgresql",
                        "aopay-resend-otp-postgresql-root"),
                mounted);
        Map<String, String> env = new java.util.HashMap<>();
        ofKind(production, "ConfigMap")
                .filter(d -> "aopay-resend-otp"
                        .equals(d.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow()
                .path("data")
                .properties()
                .forEach(e -> env.put(e.getKey(), e.getValue().asText()));

        // API port: the TLS settings file (the one HttpsApiIT starts the packaged application with) from its ConfigMap,
        // where QUARKUS_CONFIG_LOCATIONS points: HTTPS only, certificate and key from the API Secret, reloaded
        JsonNode settingsVolume = null;
        for (JsonNode v : pod.path("volumes")) {
            if ("tls-settings".equals(v.path("name").asText())) {
                settingsVolume = v;
            }
        }
        assertTrue(
                settingsVolume != null && settingsVolume.has("configMap"),
                "a tls-settings volume from a ConfigMap: " + pod.path("volumes"));
        String settingsMap = settingsVolume.path("configMap").path("name").asText();
        assertTrue(container.path("volumeMounts").findValuesAsText("mountPath").contains("/deployments/tls/settings"));
        assertEquals("/deployments/tls/settings/tls.properties", env.get("QUARKUS_CONFIG_LOCATIONS"));
        String file = ofKind(production, "ConfigMap")
                .filter(d -> settingsMap.equals(d.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow()
                .path("data")
                .path("tls.properties")
                .asText();
        assertEquals(
                Files.readString(Path.of("k8s/overlays/production/tls.properties")),
                file,
                "the file HttpsApiIT runs with");
        java.util.Properties tls = new java.util.Properties();
        tls.load(new java.io.StringReader(file));
        String name = tls.getProperty("quarkus.http.tls-configuration-name");
        assertEquals("/deployments/tls/api/tls.crt", tls.getProperty("quarkus.tls." + name + ".key-store.pem.0.cert"));
        assertEquals("/deployments/tls/api/tls.key", tls.getProperty("quarkus.tls." + name + ".key-store.pem.0.key"));
        assertEquals("disabled", tls.getProperty("quarkus.http.insecure-requests"));
        assertTrue(
                java.time.Duration.parse("PT"
                                        + tls.getProperty("quarkus.tls." + name + ".reload-period")
                                                .toUpperCase(Locale.ROOT))
                                .toHours()
                        <= 24,
                "a rotated certificate is served within a day");
        assertEquals(
                tls.getProperty("quarkus.http.ssl-port"),
                container.path("ports").get(0).path("containerPort").asText());
        assertEquals(
                "http",
                container.path("ports").get(0).path("name").asText(),
                "the Service and NetworkPolicy name this port");
        // Broker: TLS, host checked, trust store from the broker Secret, its password by reference to a Secret's
        // setting
        String broker = env.get("AOPAY_JMS_BROKER_URL");
        for (String part : List.of(
                "sslEnabled=true",
                "verifyHost=true",
                "trustStorePath=/deployments/tls/broker/truststore.p12",
                "trustStorePassword=${aopay.jms.tls.trust-store-password}")) {
            assertTrue(broker.contains(part), part + " missing in " + broker);
        }
        assertTrue(
                ofKind(production, "Secret")
                        .anyMatch(d -> "aopay-resend-otp-broker"
                                        .equals(d.path("metadata").path("name").asText())
                                && d.path("stringData").has("AOPAY_JMS_TLS_TRUST_STORE_PASSWORD")),
                "the trust store's password comes from a Secret");
        // PostgreSQL: verify-full against the root certificate of its Secret
        String state = env.get("AOPAY_STATE_URL");
        assertTrue(
                state.contains("sslmode=verify-full")
                        && state.contains("sslrootcert=/deployments/tls/postgresql/root.crt"),
                state);
        // AOPay: https (plain http would stop start-up)
        assertTrue(env.get("AOPAY_BASE_URL").startsWith("https://"), env.get("AOPAY_BASE_URL"));
        assertFalse(env.containsKey("AOPAY_TLS_ALLOW_PLAIN_HTTP"));
    }

    @Test
    void secretTemplatesHoldNoRealValues() throws IOException {
        ofKind(manifests(), "Secret")
                .forEach(secret -> secret.path("stringData")
                        .forEach(value -> assertEquals(
                                "replace-me", value.asText(), "a Secret template must not carry a real value")));
        assertFalse(ofKind(manifests(), "Secret").findAny().isEmpty());
    }

    @Test
    void productionScalesTheDeploymentWithAnHpaAndLetsOnePodGoAtATime() throws Exception {
        List<JsonNode> production = rendered("production");
        JsonNode deployment = only(production, "Deployment");
        JsonNode hpa = only(production, "HorizontalPodAutoscaler");
        assertEquals("autoscaling/v2", hpa.path("apiVersion").asText());
        JsonNode target = hpa.path("spec").path("scaleTargetRef");
        assertEquals("Deployment", target.path("kind").asText());
        assertEquals("apps/v1", target.path("apiVersion").asText());
        assertEquals(
                deployment.path("metadata").path("name").asText(),
                target.path("name").asText(),
                "the HPA scales the bundle's Deployment");
        int min = hpa.path("spec").path("minReplicas").asInt();
        int max = hpa.path("spec").path("maxReplicas").asInt();
        assertTrue(min >= 2, "at least two replicas, so one can be drained: " + min);
        assertTrue(max > min && max <= 10, "room to grow, within what AOPay is asked to take: " + max);
        JsonNode cpu = hpa.path("spec").path("metrics").get(0);
        assertEquals("cpu", cpu.path("resource").path("name").asText());
        assertEquals(
                "Utilization", cpu.path("resource").path("target").path("type").asText());
        int utilization =
                cpu.path("resource").path("target").path("averageUtilization").asInt();
        assertTrue(utilization >= 50 && utilization <= 90, "CPU target " + utilization);
        assertTrue(
                deployment
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .get(0)
                        .path("resources")
                        .path("requests")
                        .has("cpu"),
                "CPU utilization needs a CPU request");
        assertFalse(
                deployment.path("spec").has("replicas"),
                "the HPA owns the replica count; a re-apply must not reset it");
        assertEquals(
                "RollingUpdate",
                deployment.path("spec").path("strategy").path("type").asText());
        assertEquals(
                0,
                deployment
                        .path("spec")
                        .path("strategy")
                        .path("rollingUpdate")
                        .path("maxUnavailable")
                        .asInt());

        JsonNode pdb = only(production, "PodDisruptionBudget");
        assertEquals("policy/v1", pdb.path("apiVersion").asText());
        JsonNode selector = pdb.path("spec").path("selector").path("matchLabels");
        JsonNode podLabels =
                deployment.path("spec").path("template").path("metadata").path("labels");
        assertTrue(selector.size() > 0, "the PDB selects pods by label");
        for (Map.Entry<String, JsonNode> label : selector.properties()) {
            assertEquals(
                    label.getValue().asText(),
                    podLabels.path(label.getKey()).asText(),
                    "PDB selector " + label + " vs pod labels " + podLabels);
        }
        assertEquals(
                deployment.path("spec").path("selector").path("matchLabels"),
                selector,
                "the PDB selects exactly the Deployment's pods");
        // a drain can always make progress: one pod may go while the others serve
        assertEquals(1, pdb.path("spec").path("maxUnavailable").asInt());

        JsonNode volume = only(production, "PersistentVolumeClaim");
        assertEquals(
                "ReadWriteMany",
                volume.path("spec").path("accessModes").get(0).asText(),
                "replicas on different nodes share the drop folders");
    }

    @Test
    void productionIsScrapedOnTheManagementPortAndAlertedOnWithARunbookPerAlert() throws Exception {
        List<JsonNode> production = rendered("production");
        JsonNode service = only(production, "Service");
        JsonNode monitor = only(production, "ServiceMonitor");
        assertEquals("monitoring.coreos.com/v1", monitor.path("apiVersion").asText());
        JsonNode selector = monitor.path("spec").path("selector").path("matchLabels");
        assertTrue(selector.size() > 0, "the ServiceMonitor selects the Service by label");
        for (Map.Entry<String, JsonNode> label : selector.properties()) {
            assertEquals(
                    label.getValue().asText(),
                    service.path("metadata").path("labels").path(label.getKey()).asText(),
                    "ServiceMonitor selector " + label + " vs the Service's labels "
                            + service.path("metadata").path("labels"));
        }
        JsonNode endpoints = monitor.path("spec").path("endpoints");
        assertEquals(1, endpoints.size(), "one endpoint: the management port");
        JsonNode endpoint = endpoints.get(0);
        assertEquals("management", endpoint.path("port").asText(), "scraped on the Service's port by name");
        JsonNode port = java.util.stream.StreamSupport.stream(
                        service.path("spec").path("ports").spliterator(), false)
                .filter(p -> "management".equals(p.path("name").asText()))
                .findFirst()
                .orElseThrow();
        assertEquals(
                Integer.parseInt(builtIn("quarkus.management.port")),
                port.path("port").asInt(),
                "the Service's management port");
        JsonNode container = only(production, "Deployment")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        JsonNode containerPort = java.util.stream.StreamSupport.stream(
                        container.path("ports").spliterator(), false)
                .filter(p ->
                        port.path("targetPort").asText().equals(p.path("name").asText()))
                .findFirst()
                .orElseThrow();
        assertEquals(
                Integer.parseInt(builtIn("quarkus.management.port")),
                containerPort.path("containerPort").asInt(),
                "the Service's management port leads to the container's management port");
        // the path answers Prometheus text on this application's management interface
        String path = endpoint.path("path").asText();
        assertEquals("/q/metrics", path);
        org.aepsbridge.resendotp.support.Management.given()
                .get(path)
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("# TYPE aopay_ready gauge"));

        JsonNode rule = only(production, "PrometheusRule");
        assertEquals("monitoring.coreos.com/v1", rule.path("apiVersion").asText());
        assertEquals(
                monitor.path("metadata").path("labels").path("release"),
                rule.path("metadata").path("labels").path("release"),
                "the rule and the monitor are picked up by the same Prometheus");
        List<String> alerts = new ArrayList<>();
        String runbook = Files.readString(Path.of("docs", "monitoring.md"), StandardCharsets.UTF_8);
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode each : group.path("rules")) {
                String alert = each.path("alert").asText();
                alerts.add(alert);
                assertTrue(
                        Set.of("critical", "warning")
                                .contains(each.path("labels").path("severity").asText()),
                        alert + " has a severity");
                assertEquals(
                        "docs/monitoring.md#" + alert.toLowerCase(Locale.ROOT),
                        each.path("annotations").path("runbook").asText());
                assertTrue(runbook.contains("\n### " + alert + "\n"), "docs/monitoring.md has a section for " + alert);
            }
        }
        // the issue's alerts: circuit open, error and unauthorized ratios, DLQ, CSV file in error, no leader, readiness
        // flapping
        assertEquals(
                List.of(
                        "AopayCircuitOpen",
                        "AopayErrorRatioHigh",
                        "AopayUnauthorizedRatioHigh",
                        "AopayCallersRefusedRatioHigh",
                        "AopayJmsDeadLetter",
                        "AopayCsvFileInError",
                        "AopayNoCsvLeader",
                        "AopayTwoCsvLeaders",
                        "AopayReadinessFlapping"),
                alerts);

        JsonNode dashboard = ofKind(production, "ConfigMap")
                .filter(d -> "aopay-resend-otp-dashboard"
                        .equals(d.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "1",
                dashboard
                        .path("metadata")
                        .path("labels")
                        .path("grafana_dashboard")
                        .asText(),
                "for Grafana's dashboard sidecar");
        assertEquals(
                new ObjectMapper()
                        .readTree(Path.of("k8s", "overlays", "production", "grafana-dashboard.json")
                                .toFile()),
                new ObjectMapper()
                        .readTree(dashboard
                                .path("data")
                                .path("aopay-resend-otp.json")
                                .asText()),
                "the ConfigMap carries the dashboard file as it is");
    }

    @Test
    void singlePodGivesTheEmbeddedBrokerTheBundlesUserAndAClientFromASecret() throws Exception {
        List<JsonNode> singlePod = rendered("single-pod");
        JsonNode container = only(singlePod, "Deployment")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        // the environment the pod gets: every ConfigMap and Secret its envFrom names
        Map<String, String> env = new java.util.HashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            boolean secret = source.has("secretRef");
            String name = source.path(secret ? "secretRef" : "configMapRef")
                    .path("name")
                    .asText();
            JsonNode doc = ofKind(singlePod, secret ? "Secret" : "ConfigMap")
                    .filter(d -> name.equals(d.path("metadata").path("name").asText()))
                    .findFirst()
                    .orElseThrow(
                            () -> new AssertionError("envFrom names " + name + ", which the overlay does not have"));
            doc.path(secret ? "stringData" : "data")
                    .properties()
                    .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        // read as the application reads its settings, from that environment alone
        SmallRyeConfig pod = new io.smallrye.config.SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new io.smallrye.config.EnvConfigSource(env, 300))
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(JmsSettings.class)
                .build();
        JmsSettings jms = pod.getConfigMapping(JmsSettings.class);
        assertTrue(jms.embeddedBroker().enabled());
        assertEquals(
                "replace-me", jms.username().orElseThrow(), "the bundle's broker user comes from the Secret template");
        assertEquals("replace-me", jms.password().orElseThrow());
        assertEquals(Set.of("legacy"), jms.embeddedBroker().users().keySet());
        assertEquals(
                "replace-me",
                jms.embeddedBroker().users().get("legacy").password(),
                "a client's password comes from the Secret");
        assertEquals(
                Set.of(
                        org.aepsbridge.resendotp.jms.BrokerAccess.BrokerRole.SENDER,
                        org.aepsbridge.resendotp.jms.BrokerAccess.BrokerRole.RECEIVER),
                jms.embeddedBroker().users().get("legacy").roles());
        assertFalse(
                ofKind(singlePod, "ConfigMap")
                        .anyMatch(d -> d.path("data")
                                .toString()
                                .toLowerCase(Locale.ROOT)
                                .contains("password")),
                "no password in a ConfigMap");
    }

    @Test
    void singlePodStaysOneReplicaWithoutHpaOrPdb() throws Exception {
        List<JsonNode> singlePod = rendered("single-pod");
        JsonNode deployment = only(singlePod, "Deployment");
        assertEquals(1, deployment.path("spec").path("replicas").asInt());
        assertEquals(
                "Recreate",
                deployment.path("spec").path("strategy").path("type").asText(),
                "the embedded broker's journal and the H2 file are not opened by two pods at once");
        assertTrue(ofKind(singlePod, "HorizontalPodAutoscaler").findAny().isEmpty());
        assertTrue(
                ofKind(singlePod, "PodDisruptionBudget").findAny().isEmpty(),
                "with one pod a budget either blocks every drain or protects nothing");
    }
}
