package org.aepsbridge.resendotp.observe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.aepsbridge.resendotp.aopay.ResendExchange;
import org.aepsbridge.resendotp.model.ResendResult;
import org.apache.camel.Exchange;

/**
 * Audit: every result names the client that asked ({@link ResendExchange#CLIENT}, set by
 * the channel), before it is counted, logged and rendered. A channel that named none is
 * reported as {@value ResendExchange#UNKNOWN_CLIENT}, never as nothing.
 */
@ApplicationScoped
@Named("requestClients")
public class RequestClients {

    public ResendResult name(ResendResult result, Exchange exchange) {
        String client = exchange.getProperty(ResendExchange.CLIENT, String.class);
        if (client == null || client.isBlank()) {
            client = ResendExchange.UNKNOWN_CLIENT;
            exchange.setProperty(ResendExchange.CLIENT, client);
        }
        return result.withClient(client);
    }
}
