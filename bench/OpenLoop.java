// Open-loop (fixed-rate) HTTP load generator, for "added latency at N req/s".
//
// Run with:  java bench/OpenLoop.java URL BODY_FILE RATE WARMUP_S DURATION_S [TIMEOUT_S] [MAX_IN_FLIGHT]
//
// Request i is scheduled at t0 + i/RATE, whether or not earlier answers came back
// (no coordinated omission): latency is measured from the *scheduled* time to the
// complete response, so a stalled server shows up as latency, not as a lower rate.
// The service time (from the actual send) and the sender's own lag are reported too.
// Requests of the warm-up phase are sent at the same rate and not recorded.
// Everything is bounded: RATE*(WARMUP_S+DURATION_S) requests at most, at most
// MAX_IN_FLIGHT outstanding (more are counted as dropped), each with TIMEOUT_S, and a
// final wait of TIMEOUT_S+1 s for stragglers.
// Output: one line starting with "OPENLOOP " of key=value pairs (times in ms).

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

public class OpenLoop {

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: java OpenLoop.java URL BODY_FILE RATE WARMUP_S DURATION_S [TIMEOUT_S] [MAX_IN_FLIGHT]");
            System.exit(2);
        }
        URI uri = URI.create(args[0]);
        if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
            System.err.println("refusing a non-local target: " + uri);
            System.exit(2);
        }
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        int rate = Integer.parseInt(args[2]);
        int warmupS = Integer.parseInt(args[3]);
        int durationS = Integer.parseInt(args[4]);
        int timeoutS = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        int maxInFlight = args.length > 6 ? Integer.parseInt(args[6]) : 2000;
        if (rate < 1 || rate > 20000 || warmupS < 0 || durationS < 1 || durationS > 600) {
            System.err.println("rate must be 1..20000, duration 1..600 s");
            System.exit(2);
        }

        int warmupN = rate * warmupS;
        int measuredN = rate * durationS;
        int totalN = warmupN + measuredN;
        long intervalNs = 1_000_000_000L / rate;

        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(timeoutS))
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(timeoutS))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();

        long[] latency = new long[measuredN];   // ns from scheduled time, -1 = no answer
        long[] service = new long[measuredN];   // ns from actual send
        long[] lag = new long[measuredN];       // ns the send was late
        Arrays.fill(latency, -1);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder failures = new LongAdder();
        AtomicLong firstFailure = new AtomicLong();
        String[] firstFailureText = new String[1];
        LongAdder dropped = new LongAdder();
        AtomicInteger inFlight = new AtomicInteger();
        CountDownLatch outstanding = new CountDownLatch(totalN);

        long t0 = System.nanoTime() + 50_000_000L;  // start 50 ms from now
        long measureStart = t0 + warmupN * intervalNs;
        for (int i = 0; i < totalN; i++) {
            long scheduled = t0 + i * intervalNs;
            long now;
            while ((now = System.nanoTime()) < scheduled) {
                LockSupport.parkNanos(scheduled - now);
            }
            final int idx = i - warmupN;   // < 0 during warm-up
            if (inFlight.get() >= maxInFlight) {
                if (idx >= 0) dropped.increment();
                outstanding.countDown();
                continue;
            }
            inFlight.incrementAndGet();
            final long sent = now;
            if (idx >= 0) lag[idx] = sent - scheduled;
            client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((resp, err) -> {
                        long end = System.nanoTime();
                        inFlight.decrementAndGet();
                        if (idx >= 0) {
                            if (err != null) {
                                failures.increment();
                                if (firstFailure.compareAndSet(0, 1)) firstFailureText[0] = String.valueOf(err);
                            } else {
                                statuses.computeIfAbsent(resp.statusCode(), k -> new LongAdder()).increment();
                                latency[idx] = end - scheduled;
                                service[idx] = end - sent;
                            }
                        }
                        outstanding.countDown();
                    });
        }
        long sendEnd = System.nanoTime();
        boolean allDone = outstanding.await(timeoutS + 1L, TimeUnit.SECONDS);

        long answered = Arrays.stream(latency).filter(v -> v >= 0).count();
        long[] lat = Arrays.stream(latency).filter(v -> v >= 0).sorted().toArray();
        long[] svc = Arrays.stream(service).filter(v -> v > 0).sorted().toArray();
        long[] lg = lag.clone();
        Arrays.sort(lg);
        long ok = statuses.getOrDefault(200, new LongAdder()).sum();
        long non200 = answered - ok;
        double achieved = measuredN / ((sendEnd - measureStart) / 1e9);

        Map<Integer, Long> statusCounts = new TreeMap<>();
        statuses.forEach((k, v) -> statusCounts.put(k, v.sum()));
        StringBuilder sb = new StringBuilder("OPENLOOP");
        sb.append(" target=").append(uri);
        sb.append(" rate=").append(rate);
        sb.append(" send_rate=").append(String.format("%.1f", achieved));
        sb.append(" scheduled=").append(measuredN);
        sb.append(" answered=").append(answered);
        sb.append(" ok200=").append(ok);
        sb.append(" non200=").append(non200);
        sb.append(" failed=").append(failures.sum());
        sb.append(" dropped=").append(dropped.sum());
        sb.append(" unfinished=").append(allDone ? 0 : outstanding.getCount());
        sb.append(" p50_ms=").append(ms(pct(lat, 50)));
        sb.append(" p90_ms=").append(ms(pct(lat, 90)));
        sb.append(" p99_ms=").append(ms(pct(lat, 99)));
        sb.append(" p999_ms=").append(ms(pct(lat, 99.9)));
        sb.append(" max_ms=").append(ms(lat.length == 0 ? -1 : lat[lat.length - 1]));
        sb.append(" svc_p50_ms=").append(ms(pct(svc, 50)));
        sb.append(" svc_p99_ms=").append(ms(pct(svc, 99)));
        sb.append(" lag_p99_ms=").append(ms(pct(lg, 99)));
        sb.append(" statuses=").append(statusCounts.toString().replace(" ", ""));
        System.out.println(sb);
        if (firstFailureText[0] != null) System.out.println("OPENLOOP_FIRST_FAILURE " + firstFailureText[0]);
        System.exit(0);
    }

    /** Nearest-rank percentile of a sorted array; -1 when empty. */
    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) return -1;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
    }

    static String ms(long ns) {
        return ns < 0 ? "NaN" : String.format("%.3f", ns / 1e6);
    }
}
