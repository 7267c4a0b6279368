package org.aepsbridge.resendotp.aopay;

/** Names of the exchange properties the core route keeps while a request is in flight (see routes/resend.camel.yaml). */
public final class ResendExchange {

    /** Where the request came in: rest, file or jms. Set by the channel. */
    public static final String CHANNEL = "channel";
    /**
     * Who asked: the authenticated REST client, the broker's validated JMS user, or the
     * drop folder's configured client name. Set by the channel before the core; the
     * outcome log line, the request metrics and every result carry it.
     */
    public static final String CLIENT = "client";
    /** The client of a request whose channel named none: the core reports this rather than nothing. */
    public static final String UNKNOWN_CLIENT = "unknown";
    /** The id a result carries, set once by the core. */
    public static final String REQUEST_ID = "requestId";
    /** The request once it passed the rules, for correlation in whatever result follows. */
    public static final String ACCEPTED_REQUEST = "acceptedRequest";
    /**
     * Set by a channel whose input could not be read into a request faithfully (a CSV row
     * with more or fewer values than the header): a {@code FieldError} the core rejects the
     * request with, before any other rule.
     */
    public static final String UNREADABLE_INPUT = "unreadableInput";

    private ResendExchange() {}
}
