package org.aepsbridge.resendotp.limits;

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
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aepsbridge.resendotp.aopay.ResendExchange;
import org.aepsbridge.resendotp.model.AcceptedRequest;
import org.aepsbridge.resendotp.state.StateDatabase;
import org.aepsbridge.resendotp.state.StateSettings;
import org.apache.camel.Exchange;

/**
 * Resending an OTP sends an SMS to a real person. One identity (RegistrationID +
 * Aadhaar) gets at most one resend per {@code aopay.limits.min-interval} and at most
 * {@code aopay.limits.max-per-window} per {@code aopay.limits.window}; the next is
 * refused with the time to wait. Identities are kept as keyed hashes (HMAC-SHA256),
 * never as Aadhaar numbers: in memory per replica, or in the shared database when
 * {@code aopay.state.store=postgresql} (then with the configured identity key, so that
 * every replica hashes alike).
 */
@ApplicationScoped
@Named("resendLimits")
public class ResendLimits {

    /** Exchange property: when this request's resend was recorded. */
    static final String SENT_AT = "resendRecordedAt";

    private final LimitsSettings limits;
    private final ResendHistory history;
    private final SecretKeySpec identityKey;
    private final Clock clock;

    @Inject
    ResendLimits(LimitsSettings settings, StateSettings stateSettings, StateDatabase state) {
        this(
                settings,
                state.shared()
                        .<ResendHistory>map(SharedResendHistory::new)
                        .orElseGet(() -> new MemoryResendHistory(keep(settings), settings.maxIdentities())),
                stateSettings
                        .identityKey()
                        .map(key -> key.getBytes(StandardCharsets.UTF_8))
                        .orElseGet(ResendLimits::randomKey),
                Clock.systemUTC());
    }

    ResendLimits(LimitsSettings limits, Clock clock) {
        this(limits, new MemoryResendHistory(keep(limits), limits.maxIdentities()), randomKey(), clock);
    }

    ResendLimits(LimitsSettings limits, ResendHistory history, byte[] identityKey, Clock clock) {
        this.limits = limits;
        this.history = history;
        this.identityKey = new SecretKeySpec(identityKey, "HmacSHA256");
        this.clock = clock;
    }

    /** The core's step: records a resend for the accepted request in the body, or refuses it (ResendThrottledException). */
    public void check(Exchange exchange) {
        record(exchange.getMessage().getBody(AcceptedRequest.class))
                .ifPresent(sentAt -> exchange.setProperty(SENT_AT, sentAt));
    }

    /**
     * Gives back the resend of a request that provably never left the bundle (the circuit
     * breaker was open, AOPay was not called): no SMS went out, so it must not count.
     */
    public void release(Exchange exchange) {
        Instant sentAt = exchange.getProperty(SENT_AT, Instant.class);
        AcceptedRequest request = exchange.getProperty(ResendExchange.ACCEPTED_REQUEST, AcceptedRequest.class);
        if (sentAt != null && request != null) {
            history.forget(identityOf(request), sentAt);
            exchange.removeProperty(SENT_AT);
        }
    }

    /** Records a resend for the request's identity and returns its time, or refuses it when a limit would be broken. */
    Optional<Instant> record(AcceptedRequest request) {
        if (!limits.enabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        history.recordUnlessRefused(identityOf(request), now.minus(keep(limits)), now, recent -> refusal(recent, now));
        return Optional.of(now);
    }

    /** Forgets sends no limit can need any more; returns how many (the shared store only). */
    public int forgetExpired() {
        return history.forgetUpTo(clock.instant().minus(keep(limits)));
    }

    private ResendThrottledException refusal(List<Instant> sends, Instant now) {
        List<Instant> inWindow = sends.stream()
                .filter(sent -> sent.isAfter(now.minus(limits.window())))
                .toList();
        if (!sends.isEmpty()
                && sends.get(sends.size() - 1).plus(limits.minInterval()).isAfter(now)) {
            return new ResendThrottledException(
                    "Only one resend per " + human(limits.minInterval())
                            + " for the same registration and Aadhaar number",
                    Duration.between(now, sends.get(sends.size() - 1).plus(limits.minInterval())));
        }
        if (inWindow.size() >= limits.maxPerWindow()) {
            return new ResendThrottledException(
                    "At most " + limits.maxPerWindow() + " resends per " + human(limits.window())
                            + " for the same registration and Aadhaar number",
                    Duration.between(
                            now,
                            inWindow.get(inWindow.size() - limits.maxPerWindow())
                                    .plus(limits.window())));
        }
        return null;
    }

    private String identityOf(AcceptedRequest request) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(identityKey);
            byte[] hash = mac.doFinal(
                    (request.registrationId() + "\u0000" + request.aadhaar()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How long a send matters to any limit. */
    private static Duration keep(LimitsSettings limits) {
        return limits.window().compareTo(limits.minInterval()) > 0 ? limits.window() : limits.minInterval();
    }

    private static byte[] randomKey() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    private static String human(Duration d) {
        return d.toSeconds() % 3600 == 0
                ? (d.toHours() == 1 ? "hour" : d.toHours() + " hours")
                : d.toSeconds() + " seconds";
    }
}
