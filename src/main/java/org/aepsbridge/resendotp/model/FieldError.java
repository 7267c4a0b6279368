package org.aepsbridge.resendotp.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One broken rule: the field, by AOPay's name (or {@code body} for the request as a whole), and the rule it broke. */
@RegisterForReflection
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + " " + message;
    }
}
