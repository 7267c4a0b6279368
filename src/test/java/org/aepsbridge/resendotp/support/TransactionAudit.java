package org.aepsbridge.resendotp.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.postoffice.RoutingStatus;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.ServerConsumer;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.impl.AckReason;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * A broker plugin that notes, by JMSCorrelationID, in which broker transaction a request
 * was acknowledged from one queue and in which its result was sent: the same one, or
 * two. (Sent outside a transaction: -1.)
 */
public final class TransactionAudit implements ActiveMQServerMessagePlugin {

    private final String requestsQueue;
    private final Map<String, Long> ackedIn = new ConcurrentHashMap<>();
    private final Map<String, Long> sentIn = new ConcurrentHashMap<>();
    private final Map<String, String> sentTo = new ConcurrentHashMap<>();

    public TransactionAudit(String requestsQueue) {
        this.requestsQueue = requestsQueue;
    }

    @Override
    public void afterSend(
            ServerSession session,
            Transaction tx,
            Message message,
            boolean direct,
            boolean noAutoCreateQueue,
            RoutingStatus result) {
        Object correlation = message.getCorrelationID();
        if (correlation != null && !requestsQueue.equals(message.getAddress())) {
            sentIn.put(correlation.toString(), tx == null ? -1 : tx.getID());
            sentTo.put(correlation.toString(), message.getAddress());
        }
    }

    @Override
    public void messageAcknowledged(Transaction tx, MessageReference ref, AckReason reason, ServerConsumer consumer) {
        Object correlation = ref.getMessage().getCorrelationID();
        if (correlation != null
                && reason == AckReason.NORMAL
                && requestsQueue.equals(ref.getQueue().getName().toString())) {
            ackedIn.put(correlation.toString(), tx == null ? -1 : tx.getID());
        }
    }

    /** The transaction that acknowledged the request with this correlation id, or null. */
    public Long ackedIn(String correlation) {
        return ackedIn.get(correlation);
    }

    /** The transaction that sent its result (or dead letter), or null. */
    public Long sentIn(String correlation) {
        return sentIn.get(correlation);
    }

    public String sentTo(String correlation) {
        return sentTo.get(correlation);
    }
}
