package org.aepsbridge.resendotp.faults;

import java.util.List;
import org.aepsbridge.resendotp.model.Outcome;
import org.aepsbridge.resendotp.model.TechnicalCause;

/**
 * One row of the upstream fault matrix: what AOPay (the WireMock stand-in, stub chosen by
 * {@code RegistrationID}) does, and what the docs (docs/rest.md: outcomes, REST statuses;
 * docs/testing.md: fault matrix) say every channel must make of it:
 * the outcome, the REST status, the cause of an ERROR, and how many calls AOPay gets.
 */
public record UpstreamFault(
        String name,
        String registrationId,
        StandIn standIn,
        Outcome outcome,
        int restStatus,
        TechnicalCause cause,
        Calls calls) {

    /** Whether the stand-in is listening while this fault is provoked. */
    public enum StandIn {
        UP,
        /** Nothing listens on AOPay's port: connections are refused. */
        DOWN
    }

    /** How many calls AOPay receives for one request, by routes/errors.camel.yaml (aopay-retries). */
    public enum Calls {
        /** Not retried: an answer (even a bad one) or a failure the route configuration does not retry. */
        ONCE,
        /** Retried until the retries run out: 1 + {@code aopay.retry.max-redeliveries}. */
        EVERY_ATTEMPT,
        /** Fails twice (503), then succeeds: exactly 3, within the retries. */
        THIRD_TIME_LUCKY;

        public int expected(int maxRedeliveries) {
            return switch (this) {
                case ONCE -> 1;
                case EVERY_ATTEMPT -> 1 + maxRedeliveries;
                case THIRD_TIME_LUCKY -> 3;
            };
        }
    }

    /** The matrix. Stubs: src/test/resources/wiremock/mappings/*.json, by RegistrationID. */
    public static final List<UpstreamFault> MATRIX = List.of(
            up("answers 200 status:true", "AOP-554", Outcome.SUCCESS, 200, null, Calls.ONCE),
            up("answers in 400 ms (within the timeout)", "AOP-SLOW", Outcome.SUCCESS, 200, null, Calls.ONCE),
            up("503, 503, then 200 status:true", "AOP-FLAKY", Outcome.SUCCESS, 200, null, Calls.THIRD_TIME_LUCKY),
            up(
                    "answers after 3 s (response timeout)",
                    "AOP-TIMEOUT",
                    Outcome.ERROR,
                    504,
                    TechnicalCause.TIMEOUT,
                    Calls.EVERY_ATTEMPT),
            // The response timeout bounds each wait for data, not the whole reply: an answer that
            // keeps coming is an answer (and AOPay has acted on it), not a timeout to retry.
            up(
                    "body trickles in over 2.8 s, every chunk in time",
                    "AOP-TRICKLE",
                    Outcome.SUCCESS,
                    200,
                    null,
                    Calls.ONCE),
            up(
                    "body trickles in, stalls 2 s between chunks",
                    "AOP-STALL",
                    Outcome.ERROR,
                    504,
                    TechnicalCause.TIMEOUT,
                    Calls.EVERY_ATTEMPT),
            new UpstreamFault(
                    "connection refused",
                    "AOP-554",
                    StandIn.DOWN,
                    Outcome.ERROR,
                    502,
                    TechnicalCause.CONNECTION,
                    Calls.EVERY_ATTEMPT),
            up(
                    "connection reset by peer",
                    "AOP-RESET",
                    Outcome.ERROR,
                    502,
                    TechnicalCause.CONNECTION,
                    Calls.EVERY_ATTEMPT),
            up(
                    "random data, then close",
                    "AOP-GARBAGE",
                    Outcome.ERROR,
                    502,
                    TechnicalCause.CONNECTION,
                    Calls.EVERY_ATTEMPT),
            up(
                    "200, then a malformed chunk",
                    "AOP-BADCHUNK",
                    Outcome.ERROR,
                    502,
                    TechnicalCause.CONNECTION,
                    Calls.EVERY_ATTEMPT),
            up(
                    "closes without a reply",
                    "AOP-NOREPLY",
                    Outcome.ERROR,
                    502,
                    TechnicalCause.CONNECTION,
                    Calls.EVERY_ATTEMPT),
            up("500", "AOP-500", Outcome.ERROR, 502, TechnicalCause.UPSTREAM_STATUS, Calls.ONCE),
            up("502 (HTML page)", "AOP-502", Outcome.ERROR, 502, TechnicalCause.UPSTREAM_STATUS, Calls.EVERY_ATTEMPT),
            up("503", "AOP-503", Outcome.ERROR, 502, TechnicalCause.UPSTREAM_STATUS, Calls.EVERY_ATTEMPT),
            up("504", "AOP-504", Outcome.ERROR, 502, TechnicalCause.UPSTREAM_STATUS, Calls.EVERY_ATTEMPT),
            up("429 with status:false", "AOP-429", Outcome.FAILED, 422, null, Calls.ONCE),
            up("429, empty body", "AOP-429-EMPTY", Outcome.ERROR, 502, TechnicalCause.UPSTREAM_STATUS, Calls.ONCE),
            up("401", "AOP-401", Outcome.UNAUTHORIZED, 502, null, Calls.ONCE),
            up("200 with an HTML page", "AOP-HTML", Outcome.ERROR, 502, TechnicalCause.UNREADABLE_REPLY, Calls.ONCE),
            up("200 with an empty body", "AOP-EMPTY", Outcome.ERROR, 502, TechnicalCause.UNREADABLE_REPLY, Calls.ONCE),
            up(
                    "200 without \"status\"",
                    "AOP-NOSTATUS",
                    Outcome.ERROR,
                    502,
                    TechnicalCause.UNREADABLE_REPLY,
                    Calls.ONCE),
            up("200 with status:false", "AOP-REFUSED", Outcome.FAILED, 422, null, Calls.ONCE));

    private static UpstreamFault up(
            String name, String registrationId, Outcome outcome, int restStatus, TechnicalCause cause, Calls calls) {
        return new UpstreamFault(name, registrationId, StandIn.UP, outcome, restStatus, cause, calls);
    }

    /** A PrimaryKeyId naming this row on a channel, so that AOPay's journal tells the rows apart. */
    public String primaryKeyId(String channel, String run) {
        return channel + "-" + run + "-" + MATRIX.indexOf(this);
    }

    @Override
    public String toString() {
        return "'" + name + "' (" + registrationId + ")";
    }
}
