package org.aepsbridge.resendotp.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aepsbridge.resendotp.aopay.AopaySettings;
import org.aepsbridge.resendotp.model.AcceptedRequest;

/**
 * Resending an OTP sends an SMS to a real person. One identity (RegistrationID +
 * Aadhaar) gets at most one resend per {@code aopay.limits.min-interval} and at most
 * {@code aopay.limits.max-per-window} per {@code aopay.limits.window}; the next is
 * refused with the time to wait. Identities are kept as keyed hashes, never as
 * Aadhaar numbers. Kept in memory, per replica.
 */
@ApplicationScoped
@Named("resendLimits")
public class ResendLimits {

    private final AopaySettings.Limits limits;
    private final Cache<String, Deque<Instant>> sent;
    private final SecretKeySpec identityKey;
    private final Clock clock;

    @Inject
    ResendLimits(AopaySettings settings) {
        this(settings.limits(), Clock.systemUTC());
    }

    ResendLimits(AopaySettings.Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        Duration keep = limits.window().compareTo(limits.minInterval()) > 0 ? limits.window() : limits.minInterval();
        this.sent = Caffeine.newBuilder().expireAfterWrite(keep).maximumSize(limits.maxIdentities()).build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.identityKey = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Records a resend for the request's identity, or refuses it when a limit would be broken. */
    public void check(AcceptedRequest request) {
        if (!limits.enabled()) {
            return;
        }
        Instant now = clock.instant();
        ResendThrottledException[] refused = new ResendThrottledException[1];
        sent.asMap().compute(identityOf(request), (identity, times) -> {
            Deque<Instant> recent = times == null ? new ArrayDeque<>() : times;
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(limits.window()))) {
                recent.removeFirst();
            }
            if (!recent.isEmpty() && recent.peekLast().plus(limits.minInterval()).isAfter(now)) {
                refused[0] = new ResendThrottledException("Only one resend per " + human(limits.minInterval())
                        + " for the same registration and Aadhaar number",
                        Duration.between(now, recent.peekLast().plus(limits.minInterval())));
            } else if (recent.size() >= limits.maxPerWindow()) {
                refused[0] = new ResendThrottledException("At most " + limits.maxPerWindow() + " resends per "
                        + human(limits.window()) + " for the same registration and Aadhaar number",
                        Duration.between(now, recent.peekFirst().plus(limits.window())));
            } else {
                recent.addLast(now);
            }
            return recent;
        });
        if (refused[0] != null) {
            throw refused[0];
        }
    }

    private String identityOf(AcceptedRequest request) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(identityKey);
            byte[] hash = mac.doFinal((request.registrationId() + "\u0000" + request.aadhaar()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String human(Duration d) {
        return d.toSeconds() % 3600 == 0 ? (d.toHours() == 1 ? "hour" : d.toHours() + " hours") : d.toSeconds() + " seconds";
    }
}
