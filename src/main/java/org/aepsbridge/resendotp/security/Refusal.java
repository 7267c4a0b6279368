package org.aepsbridge.resendotp.security;

/**
 * Why a REST call was not let in: the text of its 401 (or 429) answer. None of them repeats
 * anything of the credential that was presented.
 */
public enum Refusal {
    MISSING(
            401,
            "is required: every call carries its client's API key (or a client certificate where mutual TLS is on)"),
    REPEATED(401, "must be given once"),
    MALFORMED(401, "must be 64 hexadecimal characters (a 256-bit key)"),
    UNKNOWN(401, "is not a key of any client"),
    EXPIRED(401, "has expired: ask the operator for a new key"),
    REVOKED(401, "has been revoked: ask the operator for a new key"),
    TOO_MANY_FAILURES(429, "too many refused credentials from this address: try again later");

    private final int httpStatus;
    private final String rule;

    Refusal(int httpStatus, String rule) {
        this.httpStatus = httpStatus;
        this.rule = rule;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** What is wrong with the credential, to follow the header's name. */
    public String rule() {
        return rule;
    }
}
