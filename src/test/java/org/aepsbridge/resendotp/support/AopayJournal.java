package org.aepsbridge.resendotp.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** What a WireMock stand-in for AOPay received, for the crash drills: counts, and sends per PrimaryKeyId. */
public final class AopayJournal {

    public static final String RESEND_PATH = "/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AopayJournal() {}

    public static int requests(WireMockServer aopay) {
        return aopay.getAllServeEvents().size();
    }

    /** The count once requests that were on the wire when a process died have been logged (at most 10 s). */
    public static int settledRequestCount(WireMockServer aopay) throws InterruptedException {
        int count = requests(aopay);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(300);
            int now = requests(aopay);
            if (now == count) {
                return now;
            }
            count = now;
        }
        return count;
    }

    /** How often AOPay received each PrimaryKeyId, from the request bodies in the journal. */
    public static Map<String, Long> sendsPerPrimaryKeyId(WireMockServer aopay) throws IOException {
        Map<String, Long> sends = new TreeMap<>();
        for (ServeEvent event : aopay.getAllServeEvents()) {
            assertEquals(RESEND_PATH, event.getRequest().getUrl());
            String primaryKeyId = JSON.readTree(event.getRequest().getBodyAsString())
                    .path("PrimaryKeyId")
                    .asText();
            sends.merge(primaryKeyId, 1L, Long::sum);
        }
        return sends;
    }

    /** Polls until the condition holds, or fails saying why. */
    public static void awaitOrFail(Duration timeout, BooleanSupplier condition, Supplier<String> why)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s: " + why.get());
            }
            Thread.sleep(20);
        }
    }
}
