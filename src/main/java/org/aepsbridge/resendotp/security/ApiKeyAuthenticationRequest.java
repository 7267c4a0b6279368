package org.aepsbridge.resendotp.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key as presented in the request header, for {@link ApiKeyIdentityProvider}. Never logged. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyAuthenticationRequest[key hidden]";
    }
}
