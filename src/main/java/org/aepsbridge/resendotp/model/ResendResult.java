package org.aepsbridge.resendotp.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.aepsbridge.resendotp.privacy.Masking;
import org.aepsbridge.resendotp.rules.CorrelationText;

/**
 * The one result of a resend request, whatever the channel. Identity numbers appear
 * only masked (last four digits).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "outcome",
    "message",
    "requestId",
    "client",
    "RegistrationID",
    "PrimaryKeyId",
    "EncodeTxnId",
    "maskedMobile",
    "maskedAadhaar",
    "httpStatus",
    "status",
    "responseCode",
    "errorCode",
    "cause",
    "retryAfterSeconds",
    "fieldErrors"
})
public record ResendResult(
        Outcome outcome,
        String message,
        String requestId,
        String client,
        @JsonProperty("RegistrationID") String registrationId,
        @JsonProperty("PrimaryKeyId") String primaryKeyId,
        @JsonProperty("EncodeTxnId") String encodeTxnId,
        String maskedMobile,
        String maskedAadhaar,
        Integer httpStatus,
        Boolean status,
        Integer responseCode,
        Integer errorCode,
        TechnicalCause cause,
        Long retryAfterSeconds,
        List<FieldError> fieldErrors) {

    /** One line for the log: outcome, correlation and masked numbers only. */
    public String summary() {
        return "outcome=" + outcome + " requestId=" + requestId + " client=" + client + " RegistrationID="
                + registrationId
                + " PrimaryKeyId=" + primaryKeyId + " mobile=" + maskedMobile + " aadhaar=" + maskedAadhaar
                + " httpStatus=" + httpStatus + " responseCode=" + responseCode
                + (cause == null ? "" : " cause=" + cause);
    }

    /** The same result, naming the client that asked (who asked is the core's last word on every result). */
    public ResendResult withClient(String value) {
        return new ResendResult(
                outcome,
                message,
                requestId,
                value,
                registrationId,
                primaryKeyId,
                encodeTxnId,
                maskedMobile,
                maskedAadhaar,
                httpStatus,
                status,
                responseCode,
                errorCode,
                cause,
                retryAfterSeconds,
                fieldErrors);
    }

    public static Builder of(Outcome outcome, String message) {
        return new Builder(outcome, message);
    }

    /** Builds a result step by step; the core fills correlation and AOPay's answer as it learns them. */
    public static final class Builder {
        private final Outcome outcome;
        private final String message;
        private String requestId;
        private String registrationId;
        private String primaryKeyId;
        private String encodeTxnId;
        private String maskedMobile;
        private String maskedAadhaar;
        private Integer httpStatus;
        private Boolean status;
        private Integer responseCode;
        private Integer errorCode;
        private TechnicalCause cause;
        private Long retryAfterSeconds;
        private List<FieldError> fieldErrors;

        private Builder(Outcome outcome, String message) {
            this.outcome = outcome;
            this.message = message;
        }

        public Builder requestId(String value) {
            this.requestId = value;
            return this;
        }

        public Builder correlation(String registrationId, String primaryKeyId, String encodeTxnId) {
            this.registrationId = registrationId;
            this.primaryKeyId = primaryKeyId;
            this.encodeTxnId = encodeTxnId;
            return this;
        }

        public Builder masked(String mobile, String aadhaar) {
            this.maskedMobile = mobile;
            this.maskedAadhaar = aadhaar;
            return this;
        }

        public Builder answer(Integer httpStatus, Boolean status, Integer responseCode, Integer errorCode) {
            this.httpStatus = httpStatus;
            this.status = status;
            this.responseCode = responseCode;
            this.errorCode = errorCode;
            return this;
        }

        /** Correlation and masked numbers of a request that passed the rules. */
        public Builder about(AcceptedRequest request) {
            if (request != null) {
                correlation(request.registrationId(), request.primaryKeyId(), request.encodeTxnId());
                masked(request.maskedMobile(), request.maskedAadhaar());
            }
            return this;
        }

        /**
         * Correlation and masked numbers of a request as it was sent, for one that broke a rule.
         * A correlation value that broke its own rule is left out: echoed, a control character
         * or a 10 MB value would go into every log line and result file.
         */
        public Builder about(ResendRequest request) {
            if (request != null) {
                correlation(
                        CorrelationText.echoable(request.getRegistrationId()),
                        CorrelationText.echoable(request.getPrimaryKeyId()),
                        CorrelationText.echoable(request.getEncodeTxnId()));
                masked(Masking.mobile(request.getMobile()), Masking.aadhaar(request.getAdhaarNumber()));
            }
            return this;
        }

        public Builder cause(TechnicalCause value) {
            this.cause = value;
            return this;
        }

        public Builder retryAfterSeconds(Long value) {
            this.retryAfterSeconds = value;
            return this;
        }

        public Builder fieldErrors(List<FieldError> value) {
            this.fieldErrors = List.copyOf(value);
            return this;
        }

        public ResendResult build() {
            return new ResendResult(
                    outcome,
                    message,
                    requestId,
                    null,
                    registrationId,
                    primaryKeyId,
                    encodeTxnId,
                    maskedMobile,
                    maskedAadhaar,
                    httpStatus,
                    status,
                    responseCode,
                    errorCode,
                    cause,
                    retryAfterSeconds,
                    fieldErrors);
        }
    }
}
