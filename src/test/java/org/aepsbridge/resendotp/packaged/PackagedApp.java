package org.aepsbridge.resendotp.packaged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.aepsbridge.resendotp.support.FreePorts;
import org.aepsbridge.resendotp.support.TestClients;

/**
 * The packaged application (target/quarkus-app/quarkus-run.jar) as an operator runs it:
 * its own process, its own settings, its own output.
 */
public final class PackagedApp implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    /** Quarkus' words when its HTTP port is taken (by another process between our pick and its bind). */
    static final Pattern PORT_TAKEN = Pattern.compile("Port \\d+ seems to be in use|Address already in use");
    /** New ports tried when the chosen one was taken before the application bound it. */
    static final int PORT_RETRIES = 3;

    private final Path workingDir;
    private final String name;
    private final String[] settings;
    private final Map<String, String> environment;
    volatile int port;
    /** The management interface: health and metrics. */
    volatile int managementPort;

    private volatile Path output;
    private volatile Process process;
    private int portRetries;

    private PackagedApp(Path workingDir, String name, Map<String, String> environment, String[] settings) {
        this.workingDir = workingDir;
        this.name = name;
        this.environment = environment;
        this.settings = settings;
    }

    /**
     * Starts the jar with these environment variables besides the {@code -D} settings, as a
     * Kubernetes ConfigMap gives them (QUARKUS_CONFIG_LOCATIONS...), to show that form works.
     */
    public static PackagedApp startWithEnvironment(String name, Map<String, String> environment, String... settings)
            throws IOException {
        return launchIn(ownWorkingDir(name), name, environment, settings);
    }

    /** Starts the jar with {@code -D} settings; AOPAY_* variables of the caller's environment are not passed on. */
    public static PackagedApp start(String name, String... settings) throws IOException {
        return startIn(ownWorkingDir(name), name, settings);
    }

    /** Its own working directory, so its relative data folders (data/inbox, data/work, data/broker) are its own. */
    private static Path ownWorkingDir(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "packaged-runs")).resolve(name + "-" + System.nanoTime());
    }

    /**
     * Starts the jar in the given working directory, e.g. the one an earlier run of the same
     * installation used. Unless the settings say something of {@code aopay.security}, the
     * test client ({@link TestClients#KEY}, which {@link #post} presents) is configured; unless
     * they set {@code aopay.tls.allow-plain-http}, it is true (the AOPay stand-ins are http).
     */
    public static PackagedApp startIn(Path workingDir, String name, String... settings) throws IOException {
        return launchIn(workingDir, name, Map.of(), settings);
    }

    private static PackagedApp launchIn(
            Path workingDir, String name, Map<String, String> environment, String... settings) throws IOException {
        Files.createDirectories(workingDir);
        PackagedApp app = new PackagedApp(workingDir, name, environment, settings);
        app.launch();
        return app;
    }

    /**
     * Starts the process on a port free a moment ago. (Quarkus' HTTP port cannot be 0 here: the
     * embedded profile's sandbox URL is built from it.) If another process took the port before
     * the application bound it, {@link #restartIfItsPortWasTaken()} starts it again on another.
     */
    private void launch() throws IOException {
        port = freePort();
        managementPort = freePort();
        // Beside its data under target/packaged-runs (not in /tmp), where the suite's final output check reads it
        output = Files.createTempFile(workingDir, "packaged-" + name + "-", ".log");
        List<String> command = new ArrayList<>(
                List.of(javaBinary(), "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + managementPort));
        if (Arrays.stream(settings).noneMatch(s -> s.startsWith("-Daopay.security."))) {
            command.add("-Daopay.security.clients." + TestClients.CLIENT + ".keys.current.sha256="
                    + TestClients.KEY_SHA256);
        }
        // The tests' AOPay stand-ins speak plain http on 127.0.0.1; production refuses that unless allowed
        // (aopay/AopayOverHttps). ProductionStartupIT sets the setting itself to see the refusal.
        if (Arrays.stream(settings).noneMatch(s -> s.startsWith("-Daopay.tls.allow-plain-http="))) {
            command.add("-Daopay.tls.allow-plain-http=true");
        }
        command.addAll(List.of(settings));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AOPAY_") || k.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /** True if the process ended because its HTTP port was taken, and was started again on a new one. */
    private boolean restartIfItsPortWasTaken() throws IOException {
        if (process.isAlive()
                || portRetries >= PORT_RETRIES
                || !PORT_TAKEN.matcher(output()).find()) {
            return false;
        }
        portRetries++;
        launch();
        return true;
    }

    /** The working directory the application runs in (its relative data folders are here). */
    public Path workingDir() {
        return workingDir;
    }

    /** Listening for HTTP (liveness answers), whatever its readiness. */
    public boolean waitUntilStarted(Duration timeout) throws InterruptedException {
        return waitFor("/q/health/live", timeout);
    }

    public boolean waitUntilReady(Duration timeout) throws InterruptedException {
        return waitFor("/q/health/ready", timeout);
    }

    private boolean waitFor(String healthPath, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && (process.isAlive() || restartIfItsPortWasTakenUnchecked())) {
            try {
                HttpResponse<Void> r = client.send(
                        HttpRequest.newBuilder(uri(healthPath)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    private boolean restartIfItsPortWasTakenUnchecked() {
        try {
            return restartIfItsPortWasTaken();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to end by itself; -1 if it is still running after the timeout. */
    int waitForExit(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return -1;
            }
        } while (restartIfItsPortWasTakenUnchecked());
        return process.exitValue();
    }

    /** A POST on the API port, presenting the test client's key. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return post(path, json, TestClients.KEY);
    }

    /** A POST on the API port presenting the given API key (none when null). */
    HttpResponse<String> post(String path, String json, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
        if (key != null) {
            request.header(TestClients.HEADER, key);
        }
        return HttpClient.newHttpClient()
                .send(
                        request.POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A GET on the application, e.g. {@code /q/health/ready} (its body also when the status is
     * not 200), on the port that serves the path: health and metrics on the management port.
     */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Everything the application printed so far (for assertion messages too, hence no checked exception). */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    URI uri(String path) {
        boolean management = path.startsWith("/q/health") || path.startsWith("/q/metrics");
        return URI.create("http://127.0.0.1:" + (management ? managementPort : port) + path);
    }

    /** The same path on the API port, whatever it is (to show what the API port does not serve). */
    URI apiUri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Kills the process the hard way with {@code kill -9 <pid>}: SIGKILL, no shutdown hook,
     * no graceful stop. Returns once the process is gone.
     */
    public void kill9() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid()))
                .redirectErrorStream(true)
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -9 " + process.pid() + " failed: "
                    + new String(kill.getInputStream().readAllBytes()));
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " still alive 20 s after kill -9");
        }
    }

    /** The exit code once the process ended (137 = 128 + SIGKILL after {@link #kill9()}). */
    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A port for a server of a packaged run (its HTTP port, a broker's): see {@link FreePorts}. */
    public static int freePort() throws IOException {
        return FreePorts.pick();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
