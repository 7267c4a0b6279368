// The JMS ceiling of the benchmarks: what the broker and disk allow for the bundle's JMS
// pattern, with no bundle in it. CONSUMERS threads, each with a transacted session of its own
// (one connection, as the bundle's listener container shares one), move every message from
// the request queue to the success queue in ONE local transaction: receive, send a persistent
// copy (same body and JMSCorrelationID, property outcome=SUCCESS, as the bundle answers), commit.
// No AOPay call, no claim, no validation. JmsLoad.java drives and measures it exactly as it
// drives the bundle, so "bundle ÷ ceiling" compares like with like.
//
//   JMS_PASSWORD=... java -cp <runtime class path> bench/JmsCeiling.java BROKER_URL CONSUMERS MAX_S
//
// Logs in as bench-bundle (the bundle's role on Broker.java's broker). Prints
// "JMSCEILING started consumers=<n>" once every consumer is listening, and
// "JMSCEILING moved=<n>" when it ends (after MAX_S, or on TERM).

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

public class JmsCeiling {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int consumers = Integer.parseInt(args[1]);
        long maxS = Long.parseLong(args[2]);
        LongAdder moved = new LongAdder();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, "bench-bundle", System.getenv("JMS_PASSWORD"));
        Connection connection = factory.createConnection();
        connection.start();
        CountDownLatch listening = new CountDownLatch(consumers);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            Thread t = new Thread(() -> {
                try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
                    MessageConsumer in = session.createConsumer(session.createQueue("aopay.resendotp.requests"));
                    MessageProducer out = session.createProducer(session.createQueue("aopay.resendotp.success"));
                    out.setDeliveryMode(DeliveryMode.PERSISTENT);
                    listening.countDown();
                    while (!Thread.currentThread().isInterrupted()) {
                        Message m = in.receive(500);
                        if (m == null) {
                            continue;
                        }
                        TextMessage result = session.createTextMessage(((TextMessage) m).getText());
                        result.setJMSCorrelationID(m.getJMSCorrelationID());
                        result.setStringProperty("outcome", "SUCCESS");
                        out.send(result);
                        session.commit();
                        moved.increment();
                    }
                } catch (Exception e) {
                    if (!Thread.currentThread().isInterrupted()) {
                        e.printStackTrace();
                    }
                }
            }, "ceiling-" + i);
            t.start();
            threads.add(t);
        }
        listening.await();
        System.out.println("JMSCEILING started consumers=" + consumers);
        System.out.flush();
        Thread stop = new Thread(() -> {
            threads.forEach(Thread::interrupt);
            System.out.println("JMSCEILING moved=" + moved.sum());
            System.out.flush();
        });
        Runtime.getRuntime().addShutdownHook(stop);
        Thread.sleep(maxS * 1000);
        System.exit(0);
    }
}
