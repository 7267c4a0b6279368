package org.aepsbridge.resendotp.rules;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.stream.Collectors;
import org.aepsbridge.resendotp.model.FieldError;
import org.aepsbridge.resendotp.model.ResendRequest;

/** A request broke one or more rules; it is never sent to AOPay. Carries every broken rule at once. */
@RegisterForReflection
public class RequestRejectedException extends RuntimeException {

    private final transient List<FieldError> errors;
    private final transient ResendRequest request;

    public RequestRejectedException(List<FieldError> errors, ResendRequest request) {
        super(
                "Request rejected: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")),
                null,
                false,
                false);
        this.errors = List.copyOf(errors);
        this.request = request;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The request as received, or null when the body could not be read at all. */
    public ResendRequest request() {
        return request;
    }
}
