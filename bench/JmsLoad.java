// JMS load client for the bundle's JMS channel: request queue -> result queue, end to end.
//
// Run with the Artemis JMS client on the class path (jms-bench.sh builds it from the project):
//   java -cp CLASSPATH bench/JmsLoad.java BROKER_URL WARMUP_N N PRODUCERS TIMEOUT_S [BATCH] [REQUEST_QUEUE]
//
// Sends WARMUP_N and then N persistent JSON text messages (a valid ResendOTP request;
// PrimaryKeyId and JMSCorrelationID "w-<i>" / "m-<i>") to REQUEST_QUEUE
// (aopay.resendotp.requests) from PRODUCERS threads, without JMSReplyTo, so the bundle
// routes each result by its outcome. Listens on all four outcome queues and the DLQ:
// a result anywhere but aopay.resendotp.success with the property outcome=SUCCESS counts
// as wrong. The warm-up is sent and awaited in full before the measured phase starts.
// Throughput = N / (time of the last measured result - time of the first measured send).
// Latency of a message: its result received - its send call (for BATCH > 0 the message
// becomes visible at its transaction's commit, up to BATCH sends later).
// BATCH: 0 = non-transacted producers (every persistent send waits for the broker's
// confirmation); n > 0 = transacted producers, a commit every n messages (default 50), so
// the producers are not what limits the rate. Everything is bounded by TIMEOUT_S per phase.
// Output: one line starting with "JMSLOAD " of key=value pairs (times in ms, rates per s).

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

public class JmsLoad {

    static final String SUCCESS_QUEUE = "aopay.resendotp.success";
    static final String[] OTHER_QUEUES = {"aopay.resendotp.failed", "aopay.resendotp.rejected",
            "aopay.resendotp.error", "aopay.resendotp.dlq"};

    /** One phase (warm-up or measured): what was sent when, and what came back. */
    static final class Phase {
        final String prefix;
        final int n;
        final AtomicLongArray sentNs;
        final long[] latencyNs;
        final BitSet seen;
        final CountDownLatch done;
        final LongAdder successOk = new LongAdder();
        final LongAdder wrong = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final AtomicLong lastNs = new AtomicLong();
        final AtomicReference<String> firstWrong = new AtomicReference<>();
        final Map<String, LongAdder> byQueue = new ConcurrentHashMap<>();
        volatile long firstSendNs;
        volatile long lastSendNs;

        Phase(String prefix, int n) {
            this.prefix = prefix;
            this.n = n;
            this.sentNs = new AtomicLongArray(n);
            this.latencyNs = new long[n];
            this.seen = new BitSet(n);
            this.done = new CountDownLatch(n);
        }

        void received(String queue, Message m, long now) throws JMSException {
            String id = m.getJMSCorrelationID();
            int i = Integer.parseInt(id.substring(prefix.length()));
            byQueue.computeIfAbsent(queue, q -> new LongAdder()).increment();
            String outcome = m.getStringProperty("outcome");
            boolean ok = SUCCESS_QUEUE.equals(queue) && "SUCCESS".equals(outcome);
            synchronized (seen) {
                if (seen.get(i)) {
                    duplicates.increment();
                    return;
                }
                seen.set(i);
            }
            if (ok) {
                successOk.increment();
            } else {
                wrong.increment();
                String body = m instanceof TextMessage t ? t.getText() : String.valueOf(m);
                firstWrong.compareAndSet(null, queue + " outcome=" + outcome + " "
                        + (body == null ? "" : body.substring(0, Math.min(200, body.length()))).replace(' ', '_'));
            }
            latencyNs[i] = now - sentNs.get(i);
            lastNs.accumulateAndGet(now, Math::max);
            done.countDown();
        }
    }

    static volatile Phase current;
    static final LongAdder stray = new LongAdder();

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: java JmsLoad.java BROKER_URL WARMUP_N N PRODUCERS TIMEOUT_S [BATCH] [REQUEST_QUEUE]");
            System.exit(2);
        }
        String url = args[0];
        String host = URI.create(url.replaceFirst("\\?.*$", "")).getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
            System.err.println("refusing a non-local broker: " + url);
            System.exit(2);
        }
        int warmupN = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        int producers = Integer.parseInt(args[3]);
        int timeoutS = Integer.parseInt(args[4]);
        int batch = args.length > 5 ? Integer.parseInt(args[5]) : 50;
        String requestQueue = args.length > 6 ? args[6] : "aopay.resendotp.requests";
        if (warmupN < 0 || warmupN > 1_000_000 || n < 1 || n > 1_000_000 || producers < 1 || producers > 16
                || timeoutS < 1 || timeoutS > 3600 || batch < 0 || batch > 10_000) {
            System.err.println("WARMUP_N 0..1e6, N 1..1e6, PRODUCERS 1..16, TIMEOUT_S 1..3600, BATCH 0..10000");
            System.exit(2);
        }

        // the embedded broker authenticates every connection: bench/lib.sh makes a user for the run
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, System.getenv("JMS_USER"), System.getenv("JMS_PASSWORD"));
        try (Connection consumerConnection = factory.createConnection();
             Connection producerConnection = factory.createConnection()) {
            List<String> queues = new ArrayList<>();
            queues.add(SUCCESS_QUEUE);
            queues.addAll(Arrays.asList(OTHER_QUEUES));
            for (String q : queues) {  // one session (one delivery thread) per result queue
                Session s = consumerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer c = s.createConsumer(s.createQueue(q));
                c.setMessageListener(m -> {
                    long now = System.nanoTime();
                    try {
                        Phase p = current;
                        String id = m.getJMSCorrelationID();
                        if (p == null || id == null || !id.startsWith(p.prefix)) {
                            stray.increment();
                            return;
                        }
                        p.received(q, m, now);
                    } catch (Exception e) {
                        stray.increment();
                    }
                });
            }
            consumerConnection.start();

            String warm = "";
            if (warmupN > 0) {
                Phase w = new Phase("w-", warmupN);
                boolean ok = run(w, producerConnection, requestQueue, producers, batch, timeoutS);
                warm = String.format(" warmup_n=%d warmup_complete=%s warmup_s=%.3f warmup_wrong=%d", warmupN, ok,
                        (w.lastNs.get() - w.firstSendNs) / 1e9, w.wrong.sum());
                if (!ok) {
                    System.out.println("JMSLOAD phase=warmup complete=false received=" + (warmupN - w.done.getCount())
                            + " of=" + warmupN + " stray=" + stray.sum());
                    System.exit(1);
                }
            }
            Phase m = new Phase("m-", n);
            boolean complete = run(m, producerConnection, requestQueue, producers, batch, timeoutS);
            long received = n - m.done.getCount();
            long end = complete ? m.lastNs.get() : System.nanoTime();
            double elapsedS = (end - m.firstSendNs) / 1e9;
            double sendS = (m.lastSendNs - m.firstSendNs) / 1e9;
            long[] lat = new long[(int) received];
            int k = 0;
            synchronized (m.seen) {
                for (int i = m.seen.nextSetBit(0); i >= 0 && k < lat.length; i = m.seen.nextSetBit(i + 1)) {
                    lat[k++] = m.latencyNs[i];
                }
            }
            Arrays.sort(lat, 0, k);
            StringBuilder qs = new StringBuilder();
            m.byQueue.forEach((q, c) -> qs.append(qs.length() == 0 ? "" : ",").append(q).append(':').append(c.sum()));
            System.out.printf("JMSLOAD phase=measured complete=%s n=%d received=%d success_ok=%d wrong=%d duplicates=%d"
                            + " stray=%d elapsed_s=%.3f msg_per_s=%.1f send_s=%.3f send_rate=%.1f p50_ms=%.1f p99_ms=%.1f"
                            + " max_ms=%.1f producers=%d batch=%d by_queue=%s first_wrong=%s%s%n",
                    complete, n, received, m.successOk.sum(), m.wrong.sum(), m.duplicates.sum(), stray.sum(), elapsedS,
                    received / elapsedS, sendS, n / Math.max(sendS, 1e-9), pct(lat, k, 50), pct(lat, k, 99),
                    k == 0 ? 0.0 : lat[k - 1] / 1e6, producers, batch, qs.length() == 0 ? "-" : qs,
                    m.firstWrong.get() == null ? "-" : m.firstWrong.get(), warm);
            // Late duplicates would show up within a second or so; report them on a second line.
            Thread.sleep(1000);
            System.out.printf("JMSLOAD_LATE duplicates=%d stray=%d%n", m.duplicates.sum(), stray.sum());
            System.exit(complete ? 0 : 1);
        }
    }

    /** Sends the phase's messages from `producers` threads, then waits (bounded) for all its results. */
    static boolean run(Phase p, Connection connection, String requestQueue, int producers, int batch, int timeoutS)
            throws Exception {
        current = p;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        CountDownLatch started = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong lastSend = new AtomicLong();
        for (int t = 0; t < producers; t++) {
            int from = (int) ((long) p.n * t / producers);
            int to = (int) ((long) p.n * (t + 1) / producers);
            Thread thread = new Thread(() -> {
                try (Session s = connection.createSession(batch > 0, batch > 0 ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE)) {
                    MessageProducer producer = s.createProducer(s.createQueue(requestQueue));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    started.await();
                    for (int i = from; i < to; i++) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("sending took longer than the time-out");
                        }
                        String id = p.prefix + i;
                        TextMessage msg = s.createTextMessage("{\"Userkey\":\"AOP554N3X\",\"Mobile\":9876543210,"
                                + "\"AdhaarNumber\":\"234123412346\",\"PrimaryKeyId\":\"" + id
                                + "\",\"EncodeTxnId\":\"DEMO\",\"RegistrationID\":\"AOP-554\"}");
                        msg.setJMSCorrelationID(id);
                        p.sentNs.set(i, System.nanoTime());
                        producer.send(msg);
                        if (batch > 0 && ((i - from + 1) % batch == 0 || i == to - 1)) {
                            s.commit();
                        }
                    }
                    lastSend.accumulateAndGet(System.nanoTime(), Math::max);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "producer-" + t);
            thread.start();
            threads.add(thread);
        }
        p.firstSendNs = System.nanoTime();
        started.countDown();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        p.lastSendNs = lastSend.get();
        if (failure.get() != null) {
            System.err.println("a producer failed: " + failure.get());
            return false;
        }
        return p.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    static double pct(long[] sorted, int k, double p) {
        if (k == 0) {
            return 0.0;
        }
        int idx = (int) Math.ceil(p / 100.0 * k) - 1;
        return sorted[Math.max(0, Math.min(k - 1, idx))] / 1e6;
    }
}
