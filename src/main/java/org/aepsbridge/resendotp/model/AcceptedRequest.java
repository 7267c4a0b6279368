package org.aepsbridge.resendotp.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.aepsbridge.resendotp.privacy.Masking;

/**
 * A request that passed every rule, normalised: {@code mobile} is the 10 digits,
 * {@code aadhaar} the 12 digits. {@code pipe} and {@code accessModeType} are null when
 * the caller left them to the configured defaults.
 */
@RegisterForReflection
public record AcceptedRequest(
        String userkey,
        String mobile,
        String aadhaar,
        String primaryKeyId,
        String encodeTxnId,
        String registrationId,
        String pipe,
        String accessModeType,
        String otp) {

    public String maskedMobile() {
        return Masking.mobile(mobile);
    }

    public String maskedAadhaar() {
        return Masking.aadhaar(aadhaar);
    }

    /** Never prints the identity numbers in full: this may end up in a log line. */
    @Override
    public String toString() {
        return "AcceptedRequest[RegistrationID=" + registrationId + ", PrimaryKeyId=" + primaryKeyId
                + ", EncodeTxnId=" + encodeTxnId + ", Mobile=" + maskedMobile()
                + ", AdhaarNumber=" + maskedAadhaar() + "]";
    }
}
