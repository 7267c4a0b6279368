package org.aepsbridge.resendotp.aopay;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.aepsbridge.resendotp.limits.ResendThrottledException;
import org.aepsbridge.resendotp.model.AcceptedRequest;
import org.aepsbridge.resendotp.model.Outcome;
import org.aepsbridge.resendotp.model.ResendRequest;
import org.aepsbridge.resendotp.model.ResendResult;
import org.aepsbridge.resendotp.model.TechnicalCause;
import org.aepsbridge.resendotp.privacy.Masking;
import org.aepsbridge.resendotp.rules.RequestRejectedException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.util.ObjectHelper;
import org.jboss.logging.Logger;

/**
 * Results for requests that did not get as far as an answer from AOPay, built by the core's
 * {@code doCatch} steps (route resend-core in routes/resend.camel.yaml, one per outcome) from
 * the exception they caught; {@link #interrupted} is for a request a restart finds in flight.
 */
@ApplicationScoped
@Named("resendResults")
@RegisterForReflection(
        targets = {HttpOperationFailedException.class, RequestRejectedException.class, ResendThrottledException.class})
public class ResendResults {

    private static final Logger LOG = Logger.getLogger(ResendResults.class);

    private final AopaySettings settings;

    ResendResults(AopaySettings settings) {
        this.settings = settings;
    }

    /**
     * The result of a request that was on its way to AOPay when the bundle stopped: it may
     * have been sent, so it is not sent again (a resend is an SMS to a person).
     */
    public static ResendResult interrupted(String what, ResendRequest request) {
        return ResendResult.of(
                        Outcome.ERROR,
                        "The bundle stopped while this " + what
                                + " was on its way to AOPay; it may have been sent, so it was not sent again."
                                + " Check with AOPay before resending it.")
                .cause(TechnicalCause.INTERRUPTED)
                .about(request)
                .build();
    }

    public ResendResult rejected(Exchange exchange) {
        RequestRejectedException rejection =
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RequestRejectedException.class);
        return ResendResult.of(Outcome.REJECTED, rejection.getMessage())
                .requestId(requestId(exchange))
                .about(rejection.request())
                .fieldErrors(rejection.errors())
                .build();
    }

    /** A local resend limit refused the request: it says when to try again. */
    public ResendResult throttled(Exchange exchange) {
        ResendThrottledException refusal =
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, ResendThrottledException.class);
        long seconds = Math.max(1, (refusal.retryAfter().toMillis() + 999) / 1000);
        return ResendResult.of(Outcome.THROTTLED, refusal.getMessage() + "; try again in " + seconds + " s")
                .requestId(requestId(exchange))
                .about(accepted(exchange))
                .retryAfterSeconds(seconds)
                .build();
    }

    /** The circuit is open: AOPay kept failing, so the call is not even attempted for a while. */
    public ResendResult upstreamDown(Exchange exchange) {
        return ResendResult.of(
                        Outcome.ERROR,
                        "AOPay is failing; calls are paused for up to "
                                + settings.circuit().openMs() / 1000
                                + " s (circuit breaker open). Not sent: try again later")
                .requestId(requestId(exchange))
                .about(accepted(exchange))
                .cause(TechnicalCause.UPSTREAM_DOWN)
                .build();
    }

    /** AOPay could not be reached, did not answer in time, or kept answering 502/503/504, after every retry. */
    public ResendResult technicalFailure(Exchange exchange) {
        // The circuit breaker may hand the failure on wrapped: look for the cause itself.
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        HttpOperationFailedException failed = ObjectHelper.getException(HttpOperationFailedException.class, caught);
        InterruptedIOException timeout = ObjectHelper.getException(InterruptedIOException.class, caught);
        IOException io = ObjectHelper.getException(IOException.class, caught);
        int attempts = AopayAttempts.of(exchange);
        String tries = " (" + attempts + (attempts == 1 ? " attempt)" : " attempts)");
        ResendResult.Builder result;
        if (failed != null) {
            result = ResendResult.of(Outcome.ERROR, "AOPay answered HTTP " + failed.getStatusCode() + tries)
                    .answer(failed.getStatusCode(), null, null, null)
                    .cause(TechnicalCause.UPSTREAM_STATUS);
        } else if (timeout != null) {
            result = ResendResult.of(
                            Outcome.ERROR,
                            "AOPay did not answer in time (connect timeout "
                                    + settings.http().connectTimeoutMs() + " ms, response timeout "
                                    + settings.http().responseTimeoutMs() + " ms)" + tries)
                    .cause(TechnicalCause.TIMEOUT);
        } else {
            result = ResendResult.of(
                            Outcome.ERROR, "Could not reach AOPay: " + describe(io != null ? io : caught) + tries)
                    .cause(TechnicalCause.CONNECTION);
        }
        return result.requestId(requestId(exchange)).about(accepted(exchange)).build();
    }

    /** Anything else: a fault of the bundle itself. Logged (masked) with the request id, never shown to the caller. */
    public ResendResult internalError(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String requestId = requestId(exchange);
        LOG.errorf("requestId=%s internal error: %s", requestId, describe(cause));
        return ResendResult.of(
                        Outcome.ERROR,
                        "Internal error in the bundle; the operator can find requestId " + requestId + " in its log")
                .requestId(requestId)
                .about(accepted(exchange))
                .cause(TechnicalCause.INTERNAL)
                .build();
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown";
        }
        String text = cause.getMessage() == null
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return Masking.scrub(text);
    }

    private static String requestId(Exchange exchange) {
        return exchange.getProperty(ResendExchange.REQUEST_ID, exchange.getExchangeId(), String.class);
    }

    private static AcceptedRequest accepted(Exchange exchange) {
        return exchange.getProperty(ResendExchange.ACCEPTED_REQUEST, AcceptedRequest.class);
    }
}
