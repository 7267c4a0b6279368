package org.aepsbridge.resendotp.security;

import io.quarkus.security.AuthenticationFailedException;
import java.util.Map;

/** Quarkus' authentication failure for a refused credential, carrying why (the 401's text) and nothing of the credential. */
final class CredentialRefusedException {

    /** The failure's attribute that holds the {@link Refusal}. */
    static final String REFUSAL = "aopay.refusal";

    private CredentialRefusedException() {}

    static AuthenticationFailedException of(Refusal refusal) {
        return new AuthenticationFailedException(refusal.name(), Map.of(REFUSAL, refusal));
    }

    /** The refusal a failure carries, or null for any other failure. */
    static Refusal refusalOf(Throwable failure) {
        return failure instanceof AuthenticationFailedException failed
                        && failed.getAttribute(REFUSAL) instanceof Refusal r
                ? r
                : null;
    }
}
