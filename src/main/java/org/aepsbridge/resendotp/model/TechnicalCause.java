package org.aepsbridge.resendotp.model;

/** Why an {@link Outcome#ERROR} happened, so that a channel can say it precisely (REST: 502, 503 or 504). */
public enum TechnicalCause {
    /** AOPay did not answer in time (connect or response timeout). */
    TIMEOUT,
    /** The connection to AOPay failed (refused, reset, closed early). */
    CONNECTION,
    /** AOPay answered with an HTTP status that is neither a result nor a refusal (5xx, 429 without a body...). */
    UPSTREAM_STATUS,
    /** AOPay's reply could not be read as one of its documented JSON shapes. */
    UNREADABLE_REPLY,
    /** AOPay is known to be down; the call was not attempted. */
    UPSTREAM_DOWN,
    /** The bundle stopped (crash, kill) after the request may have reached AOPay; it is not sent again. */
    INTERRUPTED,
    /** The JMS message could not be processed (not a JSON request, or failing after every redelivery); it is on the DLQ. */
    DEAD_LETTER,
    /** A fault inside the bundle. */
    INTERNAL
}
