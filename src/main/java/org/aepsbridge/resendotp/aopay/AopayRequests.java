package org.aepsbridge.resendotp.aopay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.aepsbridge.resendotp.model.AcceptedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Fills the configured defaults into an accepted request and turns it into AOPay's
 * HTTP request: JSON body, content type and credentials. The message carries no other
 * header, so nothing a caller sent (its own Authorization, cookies...) reaches AOPay.
 */
@ApplicationScoped
@Named("aopayRequests")
public class AopayRequests {

    private final AopaySettings settings;
    private final ObjectMapper json;

    AopayRequests(AopaySettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    public AopayResendBody withDefaults(AcceptedRequest request) {
        return new AopayResendBody(
                request.userkey(),
                Long.parseLong(request.mobile()),
                request.pipe() != null ? request.pipe() : settings.pipe(),
                request.accessModeType() != null ? request.accessModeType() : settings.accessModeType(),
                request.aadhaar(),
                request.primaryKeyId(),
                request.encodeTxnId(),
                request.otp(),
                request.registrationId());
    }

    public void prepare(AcceptedRequest request, Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setBody(json.writeValueAsString(withDefaults(request)));
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Accept", "application/json");
        AopaySettings.Auth auth = settings.auth();
        message.setHeader(auth.headerName(), auth.apiKey());
        auth.bearerToken().ifPresent(token -> message.setHeader("Authorization", "Bearer " + token));
        auth.headers().forEach(message::setHeader);
    }
}
