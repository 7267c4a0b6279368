package org.aepsbridge.resendotp.support;

import java.util.EnumSet;
import java.util.List;
import org.aepsbridge.resendotp.jms.BrokerAccess;
import org.aepsbridge.resendotp.jms.BrokerAccess.BrokerRole;

/**
 * The test broker's users, one place for every JMS client of the suite. The test broker
 * authenticates every connection, and each user has only its role's rights:
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

    /** Every password above: the output hygiene check looks for each in every output. */
    public static final List<String> PASSWORDS =
            List.of(CLIENT_PASSWORD, SENDER_PASSWORD, RECEIVER_PASSWORD, BUNDLE_PASSWORD);

    private BrokerUsers() {}

    /** The test broker's layout: the bundle's default queue names, these users with their roles. */
    public static BrokerAccess access() {
        return new BrokerAccess(
                "aopay.resendotp.requests",
                List.of(
                        "aopay.resendotp.success",
                        "aopay.resendotp.failed",
                        "aopay.resendotp.rejected",
                        "aopay.resendotp.error"),
                "aopay.resendotp.dlq",
                "aopay.resendotp.replies.#",
                List.of(
                        new BrokerAccess.User(
                                CLIENT, CLIENT_PASSWORD, EnumSet.of(BrokerRole.SENDER, BrokerRole.RECEIVER)),
                        new BrokerAccess.User(SENDER, SENDER_PASSWORD, EnumSet.of(BrokerRole.SENDER)),
                        new BrokerAccess.User(RECEIVER, RECEIVER_PASSWORD, EnumSet.of(BrokerRole.RECEIVER)),
                        new BrokerAccess.User(BUNDLE, BUNDLE_PASSWORD, EnumSet.of(BrokerRole.BUNDLE))));
    }
}
