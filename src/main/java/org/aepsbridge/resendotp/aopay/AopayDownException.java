package org.aepsbridge.resendotp.aopay;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The circuit breaker around the AOPay call is open: the call was not attempted. */
@RegisterForReflection
public class AopayDownException extends RuntimeException {

    public AopayDownException(String message) {
        super(message, null, false, false);
    }
}
