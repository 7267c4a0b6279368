package org.aepsbridge.resendotp.observe;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.aepsbridge.resendotp.support.Management;
import org.aepsbridge.resendotp.support.PrometheusText;
import org.aepsbridge.resendotp.support.TestData;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * What an operator scrapes at /q/metrics after real traffic (REST and a CSV file against
 * the WireMock stand-in): requests by channel and outcome, AOPay's call time as a
 * histogram, retries, CSV rows and files, requests in flight, and never an identity number.
 */
@QuarkusTest
class MetricsTest {

    @ConfigProperty(name = "aopay.file.inbox")
    Path inbox;

    @ConfigProperty(name = "aopay.file.outbox")
    Path outbox;

    /** The scrape as series ({@code name{labels}}) and values; comment lines left out. */
    static Map<String, Double> scrape() {
        return parse(scrapeText());
    }

    static String scrapeText() {
        return Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    static Map<String, Double> parse(String text) {
        return PrometheusText.parse(text);
    }

    static double increase(Map<String, Double> before, Map<String, Double> after, String series) {
        assertTrue(after.containsKey(series), "no series " + series + " in the scrape");
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    /** The sum of every series of a family whose labels contain all the given label pairs. */
    static double sum(Map<String, Double> scrape, String family, String... labels) {
        return PrometheusText.sum(scrape, family, labels);
    }

    static void post(String body, int status) {
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/resend-otp")
                .then()
                .statusCode(status);
    }

    @Test
    void trafficIsCountedByChannelOutcomeRetriesRowsAndFilesWithAopayLatencyAsHistogram() throws Exception {
        // Counted from a quiet folder: a file another test class left in the inbox would count too
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!Files.isDirectory(inbox)) {
                        return true;
                    }
                    try (Stream<Path> files = Files.list(inbox)) {
                        return files.noneMatch(f -> f.getFileName().toString().endsWith(".csv"));
                    }
                });
        Map<String, Double> before = scrape();

        post(TestData.request("AOP-554"), 200);
        post(TestData.request("AOP-554"), 200);
        post(TestData.request("AOP-REFUSED"), 422);
        post(TestData.request("AOP-503"), 502); // 503 three times: the first call and two retries
        post(TestData.request("AOP-554").replace(TestData.AADHAAR_SPACED, TestData.AADHAAR_BAD_CHECK), 400);

        String stem = "metrics-" + System.nanoTime();
        Path staging = inbox.resolveSibling(stem + ".staging");
        Files.createDirectories(inbox);
        Files.writeString(
                staging,
                "Userkey,Mobile,AdhaarNumber,PrimaryKeyId,EncodeTxnId,RegistrationID\n"
                        + "AOP554N3X," + TestData.MOBILE + "," + TestData.AADHAAR + ",M-1,DEMO,AOP-554\n"
                        + "AOP554N3X,12345," + TestData.AADHAAR + ",M-2,DEMO,AOP-554\n",
                StandardCharsets.UTF_8);
        Files.move(staging, inbox.resolve(stem + ".csv"));
        Path result = outbox.resolve(stem + ".result.csv");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(result));

        String text = scrapeText();
        Map<String, Double> after = parse(text);
        String requests = "aopay_resend_requests_total";
        assertEquals(2, increase(before, after, requests + "{channel=\"rest\",client=\"test\",outcome=\"SUCCESS\"}"));
        assertEquals(1, increase(before, after, requests + "{channel=\"rest\",client=\"test\",outcome=\"FAILED\"}"));
        assertEquals(1, increase(before, after, requests + "{channel=\"rest\",client=\"test\",outcome=\"ERROR\"}"));
        assertEquals(1, increase(before, after, requests + "{channel=\"rest\",client=\"test\",outcome=\"REJECTED\"}"));
        assertEquals(
                1, increase(before, after, requests + "{channel=\"file\",client=\"drop-folder\",outcome=\"SUCCESS\"}"));
        assertEquals(
                1,
                increase(before, after, requests + "{channel=\"file\",client=\"drop-folder\",outcome=\"REJECTED\"}"));

        assertEquals(2, increase(before, after, "aopay_call_retries_total"), "two retries of the AOP-503 request");

        assertEquals(1, increase(before, after, "aopay_csv_rows_total{outcome=\"SUCCESS\"}"));
        assertEquals(1, increase(before, after, "aopay_csv_rows_total{outcome=\"REJECTED\"}"));
        assertEquals(1, increase(before, after, "aopay_csv_files_total{result=\"done\"}"));

        // AOPay's call time: a histogram with buckets, every answered call in the +Inf bucket
        double calls = sum(after, "aopay_call_seconds_count") - sum(before, "aopay_call_seconds_count");
        assertEquals(4, calls, "answered AOPay calls timed: 2 + 1 REST SUCCESS/FAILED and 1 CSV row");
        assertEquals(
                calls,
                sum(after, "aopay_call_seconds_bucket", "le=\"+Inf\"")
                        - sum(before, "aopay_call_seconds_bucket", "le=\"+Inf\""));
        long buckets = after.keySet().stream()
                .filter(s -> s.startsWith("aopay_call_seconds_bucket{"))
                .count();
        assertTrue(buckets >= 10, "a histogram with buckets from 5 ms to 60 s; found " + buckets + " buckets");
        assertTrue(text.contains("# TYPE aopay_call_seconds histogram"), "aopay_call_seconds is a histogram");

        // requests in flight: one gauge series per channel's route (observe/InFlightRequests), back at
        // exactly 0 once this traffic is through (the CSV file's intake ends just after its result file)
        for (String route : new String[] {"rest-resend-otp", "jms-requests", "csv-intake", "csv-row", "resend-core"}) {
            String routeId = "routeId=\"" + route + "\"";
            assertEquals(
                    1,
                    PrometheusText.seriesCount(after, "aopay_requests_inflight", routeId),
                    "in-flight gauges for route " + route);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertEquals(
                            0.0, sum(scrape(), "aopay_requests_inflight", routeId), "requests in flight on " + route));
        }

        for (String secret : TestData.SECRETS) {
            assertFalse(text.contains(secret), "full identity number " + secret.substring(0, 2) + "… in /q/metrics");
        }
    }

    @Test
    void requestsInFlightAreVisibleWhileAopayIsSlow() throws Exception {
        String restInFlight = "routeId=\"rest-resend-otp\"";
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<Integer>> posted = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                posted.add(clients.submit(() -> {
                    int answered = 0;
                    while (sending.get()) {
                        post(TestData.request("AOP-SLOW"), 200); // AOPay answers after 400 ms
                        answered++;
                    }
                    return answered;
                }));
            }
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> sum(scrape(), "aopay_requests_inflight", restInFlight) >= 1);
        } finally {
            sending.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
        }
        // Each client's posts were answered 200 (an assertion error in one would surface here)
        for (Future<Integer> client : posted) {
            assertTrue(client.get() >= 1, "a client's slow posts were never answered");
        }
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sum(scrape(), "aopay_requests_inflight", restInFlight) == 0);
    }
}
