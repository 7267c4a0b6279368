package org.aepsbridge.resendotp.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.aepsbridge.resendotp.support.LogScan;
import org.aepsbridge.resendotp.support.OnlyTheseResources;
import org.aepsbridge.resendotp.support.TestData;
import org.aepsbridge.resendotp.support.TlsArtemisTestBroker;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The JMS channel over TLS: the bundle connects to a broker whose acceptor speaks TLS only
 * (an external broker as production has one, here support/TlsArtemisTestBroker), with the
 * trust store and host check the Artemis client URL names, and a request makes its round
 * trip. A client that does not trust the broker's certificate, or speaks plain TCP, gets no
 * connection.
 */
@QuarkusTest
@TestProfile(BrokerTlsTest.TlsBroker.class)
class BrokerTlsTest {

    /** Only the TLS broker and the AOPay stand-in: the suite's plain test broker is not this test's broker. */
    public static class TlsBroker extends OnlyTheseResources {
        public TlsBroker() {
            super("broker-tls", AopayStandIn.class, TlsArtemisTestBroker.class);
        }
    }

    @AfterAll
    static void noFullIdentityNumberReachedTheLog() throws Exception {
        LogScan.assertNoSecretsInApplicationLog();
    }

    static ActiveMQConnectionFactory client(String url) {
        ActiveMQConnectionFactory factory =
                new ActiveMQConnectionFactory(url, BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD);
        factory.setReconnectAttempts(0);
        return factory;
    }

    @Test
    void aRequestMakesItsRoundTripOverTls() throws Exception {
        try (JMSContext jms = client(TlsArtemisTestBroker.trustingUrl()).createContext()) {
            String id = JmsChannelTest.send(jms, TestData.request("AOP-554"));
            Message result = JmsChannelTest.receive(jms, "aopay.resendotp.success", id);
            JsonNode json = JmsChannelTest.body(result);
            assertEquals("SUCCESS", json.get("outcome").asText());
            assertEquals(BrokerUsers.CLIENT, result.getStringProperty("client"));
            assertFalse(result.getBody(String.class).contains(TestData.AADHAAR));
        }
    }

    @Test
    void aClientThatDoesNotTrustTheBrokersCertificateGetsNoConnection() {
        // TLS on, the JDK's default trust store (public CAs), which does not hold the test-made certificate
        ActiveMQConnectionFactory untrusting = client(TlsArtemisTestBroker.plainUrl() + "?sslEnabled=true");
        assertThrows(JMSRuntimeException.class, () -> untrusting.createContext().close());
    }

    @Test
    void plainTcpGetsNoConnection() {
        ActiveMQConnectionFactory plain = client(TlsArtemisTestBroker.plainUrl());
        plain.setCallTimeout(5_000);
        assertThrows(JMSRuntimeException.class, () -> plain.createContext().close());
    }
}
