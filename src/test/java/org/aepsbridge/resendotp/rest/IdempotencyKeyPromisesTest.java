package org.aepsbridge.resendotp.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.OwnDropFolder;
import org.aepsbridge.resendotp.support.SlowAopay;
import org.aepsbridge.resendotp.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/rest.md "Idempotency-Key", the promises no other test checks: a repeat that arrives while
 * the first is still in flight waits for its result; an ERROR result is replayed (to try
 * again, use a new key); the key is 1-255 visible ASCII characters; a key is kept for
 * {@code aopay.idempotency.ttl} and then forgotten. Default (in-memory) store.
 */
@QuarkusTest
@TestProfile(IdempotencyKeyPromisesTest.Profile.class)
class IdempotencyKeyPromisesTest {

    static final Duration TTL = Duration.ofSeconds(15);
    /** How long the stand-in takes to answer {@link #SLOW}: the window in which a repeat is "in flight". */
    static final int SLOW_MS = 5000;

    static final String SLOW = "AOP-IDEM-SLOW";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(OwnDropFolder.settings("IdempotencyKeyPromisesTest"));
            config.put("aopay.idempotency.ttl", TTL.toSeconds() + "s");
            config.put("aopay.retry.max-redeliveries", "0");
            config.put("aopay.limits.enabled", "false");
            // the slow answer must be an answer, not a timeout
            config.put("aopay.http.response-timeout-ms", String.valueOf(3 * SLOW_MS));
            return config;
        }
    }

    @AopayStandIn.Inject
    WireMockServer aopay;

    @BeforeEach
    void slowStub() {
        SlowAopay.stub(aopay, SLOW, SLOW_MS);
    }

    static Response postWithKey(String key, String registrationId, String primaryKeyId) {
        return given().config(RestAssuredConfig.config()
                        .encoderConfig(EncoderConfig.encoderConfig().defaultContentCharset("UTF-8")))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(TestData.request(registrationId).replace("\"TEST\"", "\"" + primaryKeyId + "\""))
                .post("/api/v1/resend-otp");
    }

    static boolean replayed(Response response) {
        return "true".equals(response.header("Idempotent-Replayed"));
    }

    int callsFor(String primaryKeyId) {
        return aopay.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo("/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP"))
                                .withRequestBody(matchingJsonPath("$.PrimaryKeyId", WireMock.equalTo(primaryKeyId)))
                                .build())
                .getCount();
    }

    @Test
    void aRepeatWhileTheFirstIsInFlightWaitsForItsResult() {
        String key = "in-flight-" + System.nanoTime();
        String id = "idem-flight-" + System.nanoTime();
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> postWithKey(key, SLOW, id));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> callsFor(id) == 1);
        assertFalse(first.isDone(), "the first must still be waiting for AOPay when the repeat is sent");

        Response repeat = postWithKey(key, SLOW, id);
        Response original = first.join();
        assertEquals(200, original.statusCode(), original.asString());
        assertEquals(200, repeat.statusCode(), repeat.asString());
        assertEquals("SUCCESS", repeat.path("outcome"), "the repeat got the first's result, not one of its own");
        assertEquals((String) original.path("requestId"), repeat.path("requestId"));
        assertTrue(replayed(repeat));
        assertFalse(replayed(original));
        assertEquals(1, callsFor(id), "AOPay was called once for both");
    }

    @Test
    void anErrorResultIsReplayedNotRetried() {
        String key = "error-" + System.nanoTime();
        String id = "idem-error-" + System.nanoTime();
        Response first = postWithKey(key, "AOP-503", id);
        assertEquals(502, first.statusCode(), first.asString());
        assertEquals("ERROR", first.path("outcome"));

        Response repeat = postWithKey(key, "AOP-503", id);
        assertEquals(502, repeat.statusCode());
        assertEquals("ERROR", repeat.path("outcome"));
        assertEquals((String) first.path("requestId"), repeat.path("requestId"));
        assertTrue(replayed(repeat));
        assertEquals(1, callsFor(id), "an ERROR may still have sent the SMS: the repeat must not call AOPay");

        // to try again: a new key
        assertEquals(502, postWithKey(key + "-2", "AOP-503", id).statusCode());
        assertEquals(2, callsFor(id));
    }

    @Test
    void aKeyOfOneTo255VisibleAsciiCharactersIsAccepted() {
        String visible = IntStream.rangeClosed(0x21, 0x7E)
                .mapToObj(c -> String.valueOf((char) c))
                .collect(Collectors.joining());
        String unique = Long.toString(System.nanoTime());
        String longest = visible.repeat(3).substring(0, 255 - unique.length()) + unique;
        assertEquals(255, longest.length());
        for (String key : new String[] {"k", longest}) {
            String id = "idem-ok-" + System.nanoTime();
            Response answer = postWithKey(key, "AOP-554", id);
            assertEquals(200, answer.statusCode(), key + ": " + answer.asString());
            assertFalse(replayed(answer));
            assertEquals(1, callsFor(id));
            assertTrue(replayed(postWithKey(key, "AOP-554", id)), "the same key again is a repeat");
            assertEquals(1, callsFor(id));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "tab\there", "clé", "256"})
    void anyOtherKeyIsRejectedNamingTheHeaderAndNothingIsSent(String key) {
        String malformed = key.equals("256") ? "k".repeat(256) : key;
        String id = "idem-bad-" + System.nanoTime();
        Response answer = postWithKey(malformed, "AOP-554", id);
        assertEquals(400, answer.statusCode(), answer.asString());
        assertEquals("REJECTED", answer.path("outcome"));
        assertEquals("Idempotency-Key", answer.path("fieldErrors[0].field"));
        assertNull(answer.header("Idempotent-Replayed"));
        assertEquals(0, callsFor(id));
    }

    @Test
    void aKeyIsKeptForTheTtlAndThenForgotten() {
        String key = "ttl-" + System.nanoTime();
        String id = "idem-ttl-" + System.nanoTime();
        long start = System.nanoTime();
        Response first = postWithKey(key, "AOP-554", id);
        assertEquals(200, first.statusCode());

        Response fresh = await().atMost(TTL.multipliedBy(4))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> postWithKey(key, "AOP-554", id), answer -> {
                    if (replayed(answer)) {
                        assertEquals(1, callsFor(id), "a replay never calls AOPay");
                        return false;
                    }
                    return true;
                });
        Duration kept = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(
                kept.compareTo(TTL) >= 0,
                "the key was forgotten after " + kept + ", before aopay.idempotency.ttl (" + TTL + ")");
        assertEquals(200, fresh.statusCode());
        assertEquals(2, callsFor(id), "after the TTL the key makes a first request again");
    }
}
