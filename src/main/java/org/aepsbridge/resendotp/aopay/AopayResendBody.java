package org.aepsbridge.resendotp.aopay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body AOPay's ResendOTP expects, field names exactly as AOPay spells them
 * (including {@code AdhaarNumber}). {@code Mobile} is a JSON number, as in every example
 * on AOPay's page. The only place a full Aadhaar number is allowed to go.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "Userkey",
    "Mobile",
    "Pipe",
    "AccessModeType",
    "AdhaarNumber",
    "PrimaryKeyId",
    "EncodeTxnId",
    "Otp",
    "RegistrationID"
})
public record AopayResendBody(
        @JsonProperty("Userkey") String userkey,
        @JsonProperty("Mobile") long mobile,
        @JsonProperty("Pipe") String pipe,
        @JsonProperty("AccessModeType") String accessModeType,
        @JsonProperty("AdhaarNumber") String adhaarNumber,
        @JsonProperty("PrimaryKeyId") String primaryKeyId,
        @JsonProperty("EncodeTxnId") String encodeTxnId,
        @JsonProperty("Otp") String otp,
        @JsonProperty("RegistrationID") String registrationId) {

    @Override
    public String toString() {
        return "AopayResendBody[RegistrationID=" + registrationId + ", PrimaryKeyId=" + primaryKeyId + "]";
    }
}
