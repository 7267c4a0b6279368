package org.aepsbridge.resendotp.limits;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.aepsbridge.resendotp.aopay.ResendExchange;
import org.aepsbridge.resendotp.model.AcceptedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The contract's defaults: one resend per 45 s and at most 5 per hour for one RegistrationID + Aadhaar. */
class ResendLimitsTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    static LimitsSettings limits(boolean enabled) {
        return new LimitsSettings() {
            public boolean enabled() {
                return enabled;
            }

            public Duration minInterval() {
                return Duration.ofSeconds(45);
            }

            public int maxPerWindow() {
                return 5;
            }

            public Duration window() {
                return Duration.ofHours(1);
            }

            public long maxIdentities() {
                return 1000;
            }
        };
    }

    static AcceptedRequest request(String registrationId, String aadhaar) {
        return new AcceptedRequest("AOP554N3X", "9876543210", aadhaar, "P", "E", registrationId, null, null, null);
    }

    final ManualClock clock = new ManualClock();
    final ResendLimits limits = new ResendLimits(limits(true), clock);
    final AcceptedRequest someone = request("AOP-554", "234123412346");

    @Test
    void aSecondResendWithin45SecondsIsRefusedWithTheTimeToWait() {
        limits.record(someone);
        clock.advance(Duration.ofSeconds(10));
        ResendThrottledException refused = assertThrows(ResendThrottledException.class, () -> limits.record(someone));
        assertEquals(Duration.ofSeconds(35), refused.retryAfter());
        assertTrue(refused.getMessage().contains("45 seconds"), refused.getMessage());
    }

    @Test
    void after45SecondsTheNextResendIsAllowed() {
        limits.record(someone);
        clock.advance(Duration.ofSeconds(45));
        assertDoesNotThrow(() -> limits.record(someone));
    }

    @Test
    void theSixthResendWithinAnHourIsRefusedUntilTheFirstIsAnHourOld() {
        for (int i = 0; i < 5; i++) {
            limits.record(someone);
            clock.advance(Duration.ofMinutes(1));
        }
        ResendThrottledException refused = assertThrows(ResendThrottledException.class, () -> limits.record(someone));
        assertEquals(Duration.ofMinutes(55), refused.retryAfter());
        assertTrue(refused.getMessage().contains("At most 5"), refused.getMessage());
        clock.advance(Duration.ofMinutes(55));
        assertDoesNotThrow(() -> limits.record(someone));
    }

    @Test
    void refusedAttemptsDoNotCountAsResends() {
        limits.record(someone);
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(2));
            assertThrows(ResendThrottledException.class, () -> limits.record(someone));
        }
        clock.advance(Duration.ofSeconds(25));
        assertDoesNotThrow(() -> limits.record(someone));
    }

    @Test
    void anotherRegistrationOrAnotherAadhaarIsAnotherIdentity() {
        limits.record(someone);
        assertDoesNotThrow(() -> limits.record(request("AOP-555", "234123412346")));
        assertDoesNotThrow(() -> limits.record(request("AOP-554", "499182736455")));
    }

    @Test
    void aResendThatNeverLeftIsGivenBack() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(someone);
        exchange.setProperty(ResendExchange.ACCEPTED_REQUEST, someone);
        limits.check(exchange);
        assertThrows(ResendThrottledException.class, () -> limits.record(someone), "recorded by check");
        limits.release(exchange);
        assertDoesNotThrow(() -> limits.record(someone), "given back by release");
    }

    @Test
    void disabledLimitsNeverRefuse() {
        ResendLimits off = new ResendLimits(limits(false), clock);
        for (int i = 0; i < 10; i++) {
            assertDoesNotThrow(() -> off.record(someone));
        }
    }
}
