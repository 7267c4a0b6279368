package org.aepsbridge.resendotp.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.aepsbridge.resendotp.model.ResendResult;
import org.aepsbridge.resendotp.model.TechnicalCause;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Renders a result as the REST channel's HTTP answer: status by outcome, JSON body, Retry-After when throttled. */
@ApplicationScoped
@Named("restResponses")
public class RestResponses {

    static final String REPLAYED = "idempotentReplay";

    private final ObjectMapper json;

    RestResponses(ObjectMapper json) {
        this.json = json;
    }

    /** The contract's table: SUCCESS 200, REJECTED 400, FAILED 422, THROTTLED 429, UNAUTHORIZED 502, ERROR 502/503/504. */
    public static int httpStatusOf(ResendResult result) {
        return switch (result.outcome()) {
            case SUCCESS -> 200;
            case REJECTED -> 400;
            case FAILED -> 422;
            case THROTTLED -> 429;
            case UNAUTHORIZED -> 502;
            case ERROR -> result.cause() == TechnicalCause.TIMEOUT ? 504
                    : result.cause() == TechnicalCause.UPSTREAM_DOWN ? 503 : 502;
        };
    }

    public void render(ResendResult result, Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        // Nothing of the request's headers goes back to the caller.
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, httpStatusOf(result));
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (result.retryAfterSeconds() != null) {
            message.setHeader("Retry-After", result.retryAfterSeconds());
        }
        if (exchange.getProperty(REPLAYED, false, Boolean.class)) {
            message.setHeader("Idempotent-Replayed", "true");
        }
        message.setBody(json.writeValueAsString(result));
    }
}
