package org.aepsbridge.resendotp.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aepsbridge.resendotp.model.Outcome;
import org.aepsbridge.resendotp.model.ResendResult;
import org.aepsbridge.resendotp.model.TechnicalCause;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The content-based routing of the REST channel's answer (route {@code rest-http-answer} in
 * routes/rest.camel.yaml) on its own: one test per {@code when}, each handing the route a
 * result of that outcome (and cause) and reading the status it chose (a row of
 * {@code theStatusOfEachOutcome}, or a test of its own where the branch does more). Removing a {@code when}
 * sends its outcome to the {@code otherwise}, which throws, and fails its test here.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
class RestHttpAnswerTest {

    static final String ANSWER = "direct:rest-http-answer";

    final ObjectMapper json = new ObjectMapper();

    @Inject
    ProducerTemplate template;

    Message answer(ResendResult result) {
        Exchange done = template.request(ANSWER, exchange -> {
            exchange.getMessage().setBody(result);
            exchange.getMessage().setHeader("X-Caller-Header", "caller");
            exchange.getMessage().setHeader("Authorization", "Bearer caller-token");
        });
        assertNull(done.getException(), () -> "the route failed: " + done.getException());
        return done.getMessage();
    }

    Message error(TechnicalCause cause) {
        return answer(ResendResult.of(Outcome.ERROR, "an ERROR result")
                .requestId("r-1")
                .cause(cause)
                .build());
    }

    static int status(Message answer) {
        return answer.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    void assertJsonResult(Message answer, Outcome outcome) throws Exception {
        assertEquals("application/json", answer.getHeader(Exchange.CONTENT_TYPE));
        JsonNode body = json.readTree(answer.getBody(String.class));
        assertEquals(outcome.name(), body.path("outcome").asText());
        assertNull(answer.getHeader("X-Caller-Header"), "a request header went back to the caller");
        assertNull(answer.getHeader("Authorization"), "a request header went back to the caller");
    }

    /** One row per when of http-status-of-the-outcome and http-status-of-the-cause. */
    @ParameterizedTest(name = "{0} {1} is {2}")
    @CsvSource(
            nullValues = "-",
            value = {
                "SUCCESS,      -,             200",
                "REJECTED,     -,             400",
                "FAILED,       -,             422",
                "UNAUTHORIZED, -,             502",
                "ERROR,        TIMEOUT,       504",
                "ERROR,        UPSTREAM_DOWN, 503"
            })
    void theStatusOfEachOutcome(Outcome outcome, TechnicalCause cause, int expected) throws Exception {
        Message answer = answer(ResendResult.of(outcome, "a " + outcome + " result")
                .requestId("r-1")
                .cause(cause)
                .build());
        assertEquals(expected, status(answer));
        assertJsonResult(answer, outcome);
        assertNull(answer.getHeader("Retry-After"), "Retry-After belongs to THROTTLED");
    }

    @Test
    void throttledIs429WithRetryAfterInSeconds() throws Exception {
        Message answer = answer(ResendResult.of(Outcome.THROTTLED, "wait")
                .requestId("r-1")
                .retryAfterSeconds(37L)
                .build());
        assertEquals(429, status(answer));
        assertEquals("37", answer.getHeader("Retry-After", String.class));
        assertJsonResult(answer, Outcome.THROTTLED);
    }

    @Test
    void everyOtherErrorIs502() throws Exception {
        for (TechnicalCause cause : TechnicalCause.values()) {
            if (cause != TechnicalCause.TIMEOUT && cause != TechnicalCause.UPSTREAM_DOWN) {
                assertEquals(502, status(error(cause)), cause.name());
            }
        }
        Message answer = answer(
                ResendResult.of(Outcome.ERROR, "no cause").requestId("r-1").build());
        assertEquals(502, status(answer), "an ERROR without a cause");
        assertJsonResult(answer, Outcome.ERROR);
    }

    @Test
    void aReplayedFirstResultSaysSo() {
        Exchange done = template.request(ANSWER, exchange -> {
            exchange.setProperty(RestResponses.REPLAYED, true);
            exchange.getMessage()
                    .setBody(ResendResult.of(Outcome.FAILED, "refused")
                            .requestId("r-1")
                            .build());
        });
        assertEquals(422, status(done.getMessage()));
        assertEquals("true", done.getMessage().getHeader("Idempotent-Replayed"));
    }
}
