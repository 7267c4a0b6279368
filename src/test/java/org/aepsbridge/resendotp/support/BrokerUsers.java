package org.aepsbridge.resendotp.support;

/**
 * The test broker's users, one place for every JMS client of the suite. While the test
 * broker runs without security any credentials are accepted, so clients pass these
 * already; once it authenticates, each user has only its role's rights:
 * <ul>
 * <li>{@link #CLIENT}: a legacy system that sends requests and reads results (both roles);</li>
 * <li>{@link #SENDER}: may only send requests;</li>
 * <li>{@link #RECEIVER}: may only consume results;</li>
 * <li>{@link #BUNDLE}: the bundle itself (consumes requests, sends results and dead letters).</li>
 * </ul>
 * The passwords are test secrets: the output hygiene check looks for them in every output.
 */
public final class BrokerUsers {

    public static final String CLIENT = "test-client";
    public static final String CLIENT_PASSWORD = "client-pw-5b1e0c7a";
    public static final String SENDER = "test-sender";
    public static final String SENDER_PASSWORD = "sender-pw-9d3f2a61";
    public static final String RECEIVER = "test-receiver";
    public static final String RECEIVER_PASSWORD = "receiver-pw-47c8e2b0";
    public static final String BUNDLE = "test-bundle";
    public static final String BUNDLE_PASSWORD = "bundle-pw-e61a9f34";

    private BrokerUsers() {
    }
}
