package org.aepsbridge.resendotp.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aepsbridge.resendotp.jms.JmsSettings;
import org.aepsbridge.resendotp.support.ArtemisTestBroker;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.TestData;
import org.aepsbridge.resendotp.support.TransactionAudit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The JMS channel consumes a request and sends its result (or its dead letter) in one
 * broker transaction, so that no crash or broker outage can commit one without the
 * other. Watched from inside the broker (TransactionAudit): the transaction that
 * acknowledges each request is the one that sent its result. With two (a transaction
 * manager's session for the send, the listener's own for the consume, committed one
 * after the other), a broker restart lost a result: BrokerRestartTest saw it.
 */
@QuarkusTest
class JmsResultCommitsWithItsRequestTest {

    @Inject
    JmsSettings settings;

    @Test
    void eachResultIsSentInTheTransactionThatConsumesItsRequest() throws Exception {
        JmsSettings queues = settings;
        TransactionAudit audit = new TransactionAudit(queues.requestsQueue());
        ArtemisTestBroker.server().registerBrokerPlugin(audit);
        try (JMSContext jms = new ActiveMQConnectionFactory(
                        ArtemisTestBroker.coreUrl(), BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)
                .createContext()) {
            String run = "tx-" + System.nanoTime() + "-";
            Map<String, String> requests = new LinkedHashMap<>();
            requests.put(queues.successQueue(), TestData.request("AOP-554"));
            requests.put(queues.failedQueue(), TestData.request("AOP-REFUSED"));
            requests.put(queues.errorQueue(), TestData.request("AOP-500"));
            requests.put(queues.rejectedQueue(), TestData.request("AOP-554").replace(TestData.MOBILE, "12345"));
            requests.put(queues.dlq(), "not a JSON request");
            for (Map.Entry<String, String> request : requests.entrySet()) {
                TextMessage message = jms.createTextMessage(request.getValue());
                message.setJMSCorrelationID(run + request.getKey());
                jms.createProducer().send(jms.createQueue(queues.requestsQueue()), message);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> requests.keySet().stream()
                            .allMatch(q -> audit.ackedIn(run + q) != null && audit.sentIn(run + q) != null));

            List<Executable> checks = new ArrayList<>();
            for (String queue : requests.keySet()) {
                String id = run + queue;
                checks.add(() -> assertEquals(queue, audit.sentTo(id), id + ": where its result went"));
                checks.add(() -> assertNotEquals(-1L, audit.ackedIn(id), id + ": consumed in a transaction"));
                checks.add(() -> assertEquals(
                        audit.ackedIn(id),
                        audit.sentIn(id),
                        id + ": its result must be sent in the transaction that consumes it"));
            }
            assertAll(checks);
        } finally {
            ArtemisTestBroker.server().unRegisterBrokerPlugin(audit);
        }
    }
}
