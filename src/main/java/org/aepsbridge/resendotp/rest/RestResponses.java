package org.aepsbridge.resendotp.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.aepsbridge.resendotp.model.ResendResult;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Renders a result as the body of the REST channel's HTTP answer: JSON, and the header
 * Idempotent-Replayed for a replayed first result. The status (and Retry-After) is chosen by
 * outcome in the route rest-http-answer (routes/rest.camel.yaml), where a reader sees it.
 */
@ApplicationScoped
@Named("restResponses")
public class RestResponses {

    static final String REPLAYED = "idempotentReplay";

    private final ObjectMapper json;

    RestResponses(ObjectMapper json) {
        this.json = json;
    }

    public void render(ResendResult result, Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (exchange.getProperty(REPLAYED, false, Boolean.class)) {
            message.setHeader("Idempotent-Replayed", "true");
        }
        message.setBody(json.writeValueAsString(result));
    }
}
