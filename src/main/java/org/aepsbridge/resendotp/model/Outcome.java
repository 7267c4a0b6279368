package org.aepsbridge.resendotp.model;

/** How a resend request ended. Every request ends in exactly one of these (the outcome table of docs/rest.md). */
public enum Outcome {
    /** AOPay answered HTTP 200 with {@code "status": true}. */
    SUCCESS,
    /** AOPay answered {@code "status": false}: a business refusal. */
    FAILED,
    /** AOPay answered 401: the bundle's own credentials are wrong. Never retried. */
    UNAUTHORIZED,
    /** The request broke a rule; nothing was sent to AOPay. */
    REJECTED,
    /** A local resend limit refused it; nothing was sent to AOPay. */
    THROTTLED,
    /** A technical failure after the configured retries. */
    ERROR
}
