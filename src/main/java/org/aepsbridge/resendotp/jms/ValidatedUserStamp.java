package org.aepsbridge.resendotp.jms;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Stamps every message the embedded broker accepts with the user it authenticated for the
 * sending connection, on every protocol, over whatever the sender put there itself: a JMS
 * client reads it as JMSXUserID. Artemis' own {@code populate-validated-user} does this for
 * CORE and STOMP messages only; an AMQP message keeps its own {@code user-id}, which its
 * sender may set to anyone's name. The request's client must be who sent it.
 */
final class ValidatedUserStamp implements ActiveMQServerMessagePlugin {

    @Override
    public void beforeSend(
            ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue) {
        String user = session.getValidatedUser();
        if (user != null) {
            message.putStringProperty(Message.HDR_VALIDATED_USER, SimpleString.of(user));
        }
    }
}
