package org.aepsbridge.resendotp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.io.IOException;
import org.aepsbridge.resendotp.aopay.AopaySettings;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * A stand-in for AOPay's ResendOTP that answers as AOPay's page shows: the success
 * body for a known registration, {@code "status": false} for an unknown one, and the
 * 401 "Invalid signature encoding" for a wrong key. Served by routes/sandbox.camel.yaml
 * only when {@code aopay.sandbox.enabled=true}.
 */
@ApplicationScoped
@Named("aopaySandbox")
public class AopaySandbox {

    private final AopaySettings settings;
    private final SandboxSettings sandbox;
    private final ObjectMapper json;

    AopaySandbox(AopaySettings settings, SandboxSettings sandbox, ObjectMapper json) {
        this.settings = settings;
        this.sandbox = sandbox;
        this.json = json;
    }

    public void answer(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String key = message.getHeader(settings.auth().headerName(), String.class);
        String expected = sandbox.apiKey().orElse(settings.auth().apiKey());
        JsonNode request = readQuietly(message.getBody(String.class));
        message.getHeaders().clear();
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (!expected.equals(key)) {
            reply(
                    message,
                    401,
                    json.createObjectNode()
                            .put("status", false)
                            .put("response_code", 5)
                            .put("message", "Invalid signature encoding"));
            return;
        }
        String registration = request.path("RegistrationID").asText("");
        if (!sandbox.registrations().contains(registration)) {
            reply(
                    message,
                    200,
                    json.createObjectNode()
                            .put("status", false)
                            .put("response_code", 2)
                            .put("message", "Invalid RegistrationID"));
            return;
        }
        ObjectNode reply = json.createObjectNode().put("status", true).put("msg", "OTP Resend Request Completed");
        ObjectNode data = reply.putObject("data");
        data.put("message", "OTP Resend Request Completed")
                .put("response_code", 1)
                .put("error_code", 0);
        data.putObject("data")
                .put("primaryKeyId", request.path("PrimaryKeyId").asText())
                .put("encodeTxnId", request.path("EncodeTxnId").asText());
        reply.put("statusCode", 200);
        reply(message, 200, reply);
    }

    private void reply(Message message, int status, ObjectNode body) throws IOException {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setBody(json.writeValueAsString(body));
    }

    private JsonNode readQuietly(String body) {
        try {
            return body == null ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
