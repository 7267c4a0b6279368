package org.aepsbridge.resendotp.jms;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A JMS message that can never become a request (not text, not JSON): retrying cannot fix it. */
@RegisterForReflection
public class UnprocessableMessageException extends RuntimeException {

    public UnprocessableMessageException(String reason) {
        super(reason, null, false, false);
    }
}
