package org.aepsbridge.resendotp.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.aepsbridge.resendotp.privacy.Masking;
import org.aepsbridge.resendotp.rules.ConfiguredPipe;
import org.aepsbridge.resendotp.rules.CorrelationText;
import org.aepsbridge.resendotp.rules.ValidAadhaar;
import org.aepsbridge.resendotp.rules.ValidCorrelationText;
import org.aepsbridge.resendotp.rules.ValidMobile;

/**
 * A resend request as a caller sent it, in AOPay's own field names, before any rule
 * is applied. Every channel turns its input into this one shape. Values are kept as
 * text: {@code Mobile} may arrive as a JSON number or a string.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public class ResendRequest {

    @JsonProperty("Userkey")
    @NotBlank(message = Rules.REQUIRED)
    @Pattern(regexp = "[A-Za-z0-9]{1,12}", message = "must be 1-12 letters or digits")
    private String userkey;

    @JsonProperty("Mobile")
    @NotBlank(message = Rules.REQUIRED)
    @ValidMobile
    private String mobile;

    @JsonProperty("AdhaarNumber")
    @JsonAlias("AadhaarNumber")
    @NotBlank(message = Rules.REQUIRED)
    @ValidAadhaar
    private String adhaarNumber;

    @JsonProperty("PrimaryKeyId")
    @NotBlank(message = Rules.REQUIRED)
    @Size(max = Rules.MAX_TEXT, message = Rules.TOO_LONG)
    @ValidCorrelationText
    private String primaryKeyId;

    @JsonProperty("EncodeTxnId")
    @NotBlank(message = Rules.REQUIRED)
    @Size(max = Rules.MAX_TEXT, message = Rules.TOO_LONG)
    @ValidCorrelationText
    private String encodeTxnId;

    @JsonProperty("RegistrationID")
    @NotBlank(message = Rules.REQUIRED)
    @Size(max = Rules.MAX_TEXT, message = Rules.TOO_LONG)
    @ValidCorrelationText
    private String registrationId;

    @JsonProperty("Pipe")
    @ConfiguredPipe
    private String pipe;

    @JsonProperty("AccessModeType")
    @Pattern(regexp = "[A-Za-z_]{1,32}", message = "must be 1-32 letters or underscores")
    private String accessModeType;

    @JsonProperty("Otp")
    @Pattern(regexp = "\\d{1,12}", message = "must be 1-12 digits")
    private String otp;

    public ResendRequest() {}

    public String getUserkey() {
        return userkey;
    }

    public void setUserkey(String userkey) {
        this.userkey = userkey;
    }

    public String getMobile() {
        return mobile;
    }

    public void setMobile(String mobile) {
        this.mobile = mobile;
    }

    public String getAdhaarNumber() {
        return adhaarNumber;
    }

    public void setAdhaarNumber(String adhaarNumber) {
        this.adhaarNumber = adhaarNumber;
    }

    public String getPrimaryKeyId() {
        return primaryKeyId;
    }

    public void setPrimaryKeyId(String primaryKeyId) {
        this.primaryKeyId = primaryKeyId;
    }

    public String getEncodeTxnId() {
        return encodeTxnId;
    }

    public void setEncodeTxnId(String encodeTxnId) {
        this.encodeTxnId = encodeTxnId;
    }

    public String getRegistrationId() {
        return registrationId;
    }

    public void setRegistrationId(String registrationId) {
        this.registrationId = registrationId;
    }

    public String getPipe() {
        return pipe;
    }

    public void setPipe(String pipe) {
        this.pipe = pipe;
    }

    public String getAccessModeType() {
        return accessModeType;
    }

    public void setAccessModeType(String accessModeType) {
        this.accessModeType = accessModeType;
    }

    public String getOtp() {
        return otp;
    }

    public void setOtp(String otp) {
        this.otp = otp;
    }

    /** Never prints the identity numbers in full, nor a correlation value that breaks its rule: this may end up in a log line. */
    @Override
    public String toString() {
        return "ResendRequest[RegistrationID=" + CorrelationText.echoable(registrationId)
                + ", PrimaryKeyId=" + CorrelationText.echoable(primaryKeyId)
                + ", EncodeTxnId=" + CorrelationText.echoable(encodeTxnId) + ", Mobile=" + Masking.mobile(mobile)
                + ", AdhaarNumber=" + Masking.aadhaar(adhaarNumber) + "]";
    }

    /** Rule texts shared by the constraints above. */
    public static final class Rules {
        public static final String REQUIRED = "is required and must not be blank";
        public static final int MAX_TEXT = CorrelationText.MAX_LENGTH;
        public static final String TOO_LONG = "must be at most 100 characters";

        private Rules() {}
    }
}
