package org.aepsbridge.resendotp.jms;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.security.Role;

/**
 * Who may do what on the embedded broker: its users and, per address, the rights of each
 * role. The same layout is what an external production broker needs (docs/jms.md, "Who may use the broker").
 * <ul>
 * <li>{@link BrokerRole#SENDER}: send to the request queue, nothing else;</li>
 * <li>{@link BrokerRole#RECEIVER}: consume and browse the result queues and the DLQ (the
 * bundle writes only masked copies there), and keep reply queues of its own: temporary
 * queues, or durable ones matching {@code aopay.jms.reply-queues} (by default {@code aopay.resendotp.replies.#});</li>
 * <li>{@link BrokerRole#BUNDLE}: consume the request queue, send results, dead letters and replies.</li>
 * </ul>
 * Nobody may create other addresses or queues (the broker declares the channel's queues
 * itself), nobody may manage the broker, and nothing is open to a user without a role:
 * there is no guest or default user on any protocol.
 */
public final class BrokerAccess {

    /** The broker's names for the roles, as in a broker.xml {@code security-setting}. */
    public enum BrokerRole {
        SENDER("aopay-sender"),
        RECEIVER("aopay-receiver"),
        BUNDLE("aopay-bundle");

        public final String roleName;

        BrokerRole(String roleName) {
            this.roleName = roleName;
        }
    }

    /** A user of the broker; the password is a secret and never printed (see {@link #toString()}). */
    public record User(String name, String password, Set<BrokerRole> roles) {
        @Override
        public String toString() {
            return name + " " + roles;
        }
    }

    /**
     * Where temporary queues live for security matching: Artemis matches a UUID-named
     * address (a JMS or AMQP temporary queue) as {@code uuid.<name>}.
     */
    public static final String UUID_NAMESPACE = "uuid";

    final String requestsQueue;
    final List<String> resultQueues;
    final String deadLetterQueue;
    final String replyQueues;
    final List<User> users;

    /**
     * @param replyQueues the address match of named reply queues, e.g. {@code aopay.resendotp.replies.#}
     */
    public BrokerAccess(
            String requestsQueue,
            List<String> resultQueues,
            String deadLetterQueue,
            String replyQueues,
            List<User> users) {
        this.requestsQueue = requestsQueue;
        this.resultQueues = List.copyOf(resultQueues);
        this.deadLetterQueue = deadLetterQueue;
        this.replyQueues = replyQueues;
        this.users = List.copyOf(users);
        Set<String> names = new HashSet<>();
        for (User user : users) {
            if (!names.add(user.name())) {
                throw new IllegalStateException(
                        "The embedded broker's user '" + user.name() + "' is configured twice"
                                + " (aopay.jms.username is the bundle's own user; aopay.jms.embedded-broker.users.* are the others)");
            }
        }
    }

    /**
     * The layout from the bundle's settings: its queues, the bundle itself as
     * {@code aopay.jms.username}/{@code aopay.jms.password}, and the configured users.
     */
    static BrokerAccess of(JmsSettings jms) {
        List<String> missing = new ArrayList<>();
        if (jms.username().filter(u -> !u.isBlank()).isEmpty()) {
            missing.add("aopay.jms.username");
        }
        if (jms.password().filter(p -> !p.isEmpty()).isEmpty()) {
            missing.add("aopay.jms.password");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "The embedded broker authenticates every connection: set " + String.join(" and ", missing)
                            + " (the bundle's own broker user; a secret, from the environment or a Kubernetes Secret)");
        }
        List<User> users = new ArrayList<>();
        users.add(new User(jms.username().get(), jms.password().get(), EnumSet.of(BrokerRole.BUNDLE)));
        jms.embeddedBroker().users().forEach((name, user) -> {
            if (user.roles().isEmpty()) {
                throw new IllegalStateException(
                        "The embedded broker's user '" + name + "' has no role: set aopay.jms.embedded-broker.users."
                                + name + ".roles to sender, receiver or both");
            }
            if (user.roles().contains(BrokerRole.BUNDLE)) {
                throw new IllegalStateException(
                        "The embedded broker's user '" + name + "' may not have the bundle's role: only"
                                + " aopay.jms.username consumes requests; aopay.jms.embedded-broker.users." + name
                                + ".roles takes sender, receiver");
            }
            users.add(new User(name, user.password(), EnumSet.copyOf(user.roles())));
        });
        return new BrokerAccess(
                jms.requestsQueue(),
                List.of(jms.successQueue(), jms.failedQueue(), jms.rejectedQueue(), jms.errorQueue()),
                jms.dlq(),
                jms.replyQueues(),
                users);
    }

    /** The broker's security settings: address match to the roles allowed there, and what each may do. */
    public Map<String, Set<Role>> securitySettings() {
        Map<String, Set<Role>> settings = new LinkedHashMap<>();
        settings.put(
                requestsQueue, Set.of(role(BrokerRole.SENDER, Right.SEND), role(BrokerRole.BUNDLE, Right.CONSUME)));
        for (String results : resultQueues) {
            settings.put(
                    results,
                    Set.of(
                            role(BrokerRole.BUNDLE, Right.SEND),
                            role(BrokerRole.RECEIVER, Right.CONSUME, Right.BROWSE)));
        }
        settings.put(
                deadLetterQueue,
                Set.of(role(BrokerRole.BUNDLE, Right.SEND), role(BrokerRole.RECEIVER, Right.CONSUME, Right.BROWSE)));
        // JMS/AMQP temporary queues: the requester makes one, the bundle replies to it
        settings.put(
                UUID_NAMESPACE + ".#",
                Set.of(
                        role(BrokerRole.BUNDLE, Right.SEND),
                        role(
                                BrokerRole.RECEIVER,
                                Right.CONSUME,
                                Right.BROWSE,
                                Right.CREATE_ADDRESS,
                                Right.CREATE_NON_DURABLE_QUEUE,
                                Right.DELETE_ADDRESS,
                                Right.DELETE_NON_DURABLE_QUEUE)));
        settings.put(
                replyQueues,
                Set.of(
                        role(BrokerRole.BUNDLE, Right.SEND),
                        role(
                                BrokerRole.RECEIVER,
                                Right.CONSUME,
                                Right.BROWSE,
                                Right.CREATE_ADDRESS,
                                Right.CREATE_DURABLE_QUEUE,
                                Right.CREATE_NON_DURABLE_QUEUE,
                                Right.DELETE_NON_DURABLE_QUEUE)));
        return settings;
    }

    public List<User> users() {
        return users;
    }

    /** The queues the broker declares itself, so no client needs the right to create them. */
    public List<String> declaredQueues() {
        List<String> queues = new ArrayList<>();
        queues.add(requestsQueue);
        queues.addAll(resultQueues);
        queues.add(deadLetterQueue);
        return queues;
    }

    @Override
    public String toString() {
        return "users " + users;
    }

    /** The permission types of a broker.xml {@code security-setting} that this layout grants. */
    enum Right {
        SEND,
        CONSUME,
        BROWSE,
        CREATE_ADDRESS,
        DELETE_ADDRESS,
        CREATE_DURABLE_QUEUE,
        CREATE_NON_DURABLE_QUEUE,
        DELETE_NON_DURABLE_QUEUE
    }

    /** A role with exactly the given rights on an address match, and none else (no manage, no delete of durable queues). */
    static Role role(BrokerRole role, Right... rights) {
        Set<Right> granted = rights.length == 0 ? EnumSet.noneOf(Right.class) : EnumSet.of(rights[0], rights);
        return new Role(
                role.roleName,
                granted.contains(Right.SEND),
                granted.contains(Right.CONSUME),
                granted.contains(Right.CREATE_DURABLE_QUEUE),
                false,
                granted.contains(Right.CREATE_NON_DURABLE_QUEUE),
                granted.contains(Right.DELETE_NON_DURABLE_QUEUE),
                false,
                granted.contains(Right.BROWSE),
                granted.contains(Right.CREATE_ADDRESS),
                granted.contains(Right.DELETE_ADDRESS),
                false,
                false);
    }
}
