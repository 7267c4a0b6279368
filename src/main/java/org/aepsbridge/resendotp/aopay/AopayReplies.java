package org.aepsbridge.resendotp.aopay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.io.IOException;
import org.aepsbridge.resendotp.model.AcceptedRequest;
import org.aepsbridge.resendotp.model.Outcome;
import org.aepsbridge.resendotp.model.ResendResult;
import org.aepsbridge.resendotp.model.TechnicalCause;
import org.aepsbridge.resendotp.privacy.Masking;
import org.apache.camel.Exchange;

/**
 * Classifies AOPay's answer into an outcome. AOPay documents two reply shapes that
 * differ in names and nesting ({@code msg} or {@code message}; {@code data.response_code}
 * or a top-level {@code response_code}); both are read.
 */
@ApplicationScoped
@Named("aopayReplies")
public class AopayReplies {

    private static final int MAX_MESSAGE = 300;

    private final ObjectMapper json;

    AopayReplies(ObjectMapper json) {
        this.json = json;
    }

    public ResendResult classify(Exchange exchange) {
        Integer httpStatus = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        return classify(httpStatus == null ? 0 : httpStatus, body)
                .requestId(exchange.getProperty(ResendExchange.REQUEST_ID, String.class))
                .about(exchange.getProperty(ResendExchange.ACCEPTED_REQUEST, AcceptedRequest.class))
                .build();
    }

    /** The outcome of one answer, from its HTTP status and body alone. */
    public ResendResult.Builder classify(int httpStatus, String body) {
        JsonNode reply = readObject(body);
        Boolean status = reply == null ? null : statusOf(reply.get("status"));
        Integer responseCode = reply == null ? null : intOf(reply, "response_code");
        Integer errorCode = reply == null ? null : intOf(reply, "error_code");
        String said = reply == null ? null : messageOf(reply);

        if (httpStatus == 401) {
            return ResendResult.of(
                            Outcome.UNAUTHORIZED,
                            "AOPay refused the bundle's credentials (HTTP 401" + (said == null ? "" : ": " + said)
                                    + "); check the aopay.auth settings")
                    .answer(httpStatus, status, responseCode, errorCode);
        }
        boolean success = httpStatus >= 200 && httpStatus < 300;
        if (status != null && httpStatus < 500) {
            if (status && success) {
                return ResendResult.of(Outcome.SUCCESS, said != null ? said : "OTP resend requested")
                        .answer(httpStatus, true, responseCode, errorCode);
            }
            if (!status) {
                return ResendResult.of(Outcome.FAILED, "AOPay refused the resend" + (said == null ? "" : ": " + said))
                        .answer(httpStatus, false, responseCode, errorCode);
            }
        }
        if (success) {
            return ResendResult.of(
                            Outcome.ERROR,
                            "AOPay's reply (HTTP " + httpStatus
                                    + ") could not be read: expected a JSON object with a boolean \"status\"")
                    .answer(httpStatus, status, responseCode, errorCode)
                    .cause(TechnicalCause.UNREADABLE_REPLY);
        }
        return ResendResult.of(Outcome.ERROR, "AOPay answered HTTP " + httpStatus + (said == null ? "" : ": " + said))
                .answer(httpStatus, status, responseCode, errorCode)
                .cause(TechnicalCause.UPSTREAM_STATUS);
    }

    private JsonNode readObject(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static Boolean statusOf(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()
                && (node.textValue().equalsIgnoreCase("true")
                        || node.textValue().equalsIgnoreCase("false"))) {
            return Boolean.valueOf(node.textValue());
        }
        return null;
    }

    /** {@code data.<name>} (the success shape) before a top-level {@code <name>} (the 401 shape). */
    private static Integer intOf(JsonNode reply, String name) {
        JsonNode data = reply.get("data");
        JsonNode value = data != null && data.has(name) ? data.get(name) : reply.get(name);
        if (value == null || !(value.canConvertToInt() || value.isTextual())) {
            return null;
        }
        if (value.isNumber()) {
            return value.intValue();
        }
        try {
            return Integer.valueOf(value.asText().strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static String messageOf(JsonNode reply) {
        JsonNode data = reply.get("data");
        for (JsonNode candidate :
                new JsonNode[] {reply.get("msg"), reply.get("message"), data == null ? null : data.get("message")}) {
            if (candidate != null
                    && candidate.isTextual()
                    && !candidate.textValue().isBlank()) {
                String text = Masking.scrub(candidate.textValue().strip());
                return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
            }
        }
        return null;
    }
}
