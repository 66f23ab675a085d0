import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load of the fault run: files signals at a fixed rate against two instances in turn while the
 * script around it kills one and restarts the database, and records what every request got.
 *
 * <pre>  java bench/Faults.java URL_A,URL_B RATE SECONDS OUT_DIR</pre>
 *
 * Like a load balancer, a request whose connection is refused (the instance is down) goes to the
 * other instance once; a request cut off after it was sent is not repeated (it may have been filed).
 * Writes OUT_DIR/created (the reference of every 201, a line each) and OUT_DIR/seconds (per second
 * since the start: instance, status, count) and prints one line:
 * {@code sent=N created=N unavailable=N other=N cut=N timeout=N refused_then_other=N p99_ms=.. max_unavailable_ms=..}.
 */
public class Faults {

    record Outcome(int second, int instance, String status, long millis, String reference) {
    }

    static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String[] urls = args[0].split(",");
        double rate = Double.parseDouble(args[1]);
        double seconds = Double.parseDouble(args[2]);
        Path out = Path.of(args[3]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        String run = Long.toString(System.currentTimeMillis(), 36);
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();

        long start = System.nanoTime();
        long interval = (long) (1_000_000_000L / rate);
        long total = (long) (rate * seconds);
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int second = (int) ((due - start) / 1_000_000_000L);
            int instance = (int) (i % urls.length);
            String body = "{\"category\":\"MENTION\",\"platform\":\"FACEBOOK\",\"topic\":\"EMPLOYMENT\","
                    + "\"url\":\"https://www.facebook.com/sglzorg/posts/fault-" + run + "-" + i + "\","
                    + "\"description\":\"Iemand vraagt naar vacatures (foutenrun).\""
                    + (i % 4 == 0 ? ",\"reporter\":{\"email\":\"melder-" + run + "-" + i + "@example.org\"},\"wantsUpdates\":true" : "")
                    + "}";
            pending.add(send(client, urls, instance, body, due, second, outcomes, true));
            if (pending.size() > 5000) {
                pending.removeIf(CompletableFuture::isDone);
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        List<Long> createdMillis = new ArrayList<>();
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> perSecond = new TreeMap<>();
        long maxUnavailable = 0;
        StringBuilder created = new StringBuilder();
        for (Outcome o : outcomes) {
            byStatus.merge(o.status(), 1L, Long::sum);
            perSecond.merge(String.format("%03d %s %s", o.second(), (char) ('A' + o.instance()), o.status()), 1L, Long::sum);
            if (o.reference() != null) {
                created.append(o.reference()).append('\n');
                createdMillis.add(o.millis());
            }
            if (o.status().equals("503")) {
                maxUnavailable = Math.max(maxUnavailable, o.millis());
            }
        }
        Files.writeString(out.resolve("created"), created);
        StringBuilder lines = new StringBuilder();
        perSecond.forEach((k, v) -> lines.append(k).append(' ').append(v).append('\n'));
        Files.writeString(out.resolve("seconds"), lines);
        createdMillis.sort(null);
        long p99 = createdMillis.isEmpty() ? 0 : createdMillis.get((int) Math.min(createdMillis.size() - 1, Math.ceil(createdMillis.size() * 0.99) - 1));
        long other = byStatus.entrySet().stream()
                .filter(e -> !List.of("201", "503", "cut", "timeout", "refused").contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        System.err.println("answers: " + byStatus);
        System.out.printf("sent=%d created=%d unavailable=%d other=%d cut=%d timeout=%d refused_then_other=%d p99_ms=%d max_unavailable_ms=%d%n",
                outcomes.size(), byStatus.getOrDefault("201", 0L), byStatus.getOrDefault("503", 0L), other,
                byStatus.getOrDefault("cut", 0L), byStatus.getOrDefault("timeout", 0L), REFUSED_THEN_OTHER.get(),
                p99, maxUnavailable);
    }

    /** Requests refused by an instance that was down and sent to the other one. */
    static final AtomicLong REFUSED_THEN_OTHER = new AtomicLong();

    static CompletableFuture<Void> send(HttpClient client, String[] urls, int instance, String body, long due, int second,
            ConcurrentLinkedQueue<Outcome> outcomes, boolean mayTryOther) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(urls[instance] + "/api/signals"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            long millis = (System.nanoTime() - due) / 1_000_000L;
            if (failure == null) {
                String reference = null;
                if (response.statusCode() == 201) {
                    Matcher m = REFERENCE.matcher(response.body());
                    reference = m.find() ? m.group(1) : null;
                }
                outcomes.add(new Outcome(second, instance, Integer.toString(response.statusCode()), millis, reference));
                return null;
            }
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            if (cause instanceof ConnectException && mayTryOther && urls.length > 1) {
                REFUSED_THEN_OTHER.incrementAndGet();
                return send(client, urls, (instance + 1) % urls.length, body, due, second, outcomes, false);
            }
            String status = cause instanceof HttpTimeoutException ? "timeout"
                    : cause instanceof ConnectException ? "refused" : "cut";
            System.err.println(status + " at " + second + " s, instance " + (char) ('A' + instance) + ": " + cause);
            outcomes.add(new Outcome(second, instance, status, millis, null));
            return null;
        }).thenCompose(next -> next == null ? CompletableFuture.<Void>completedFuture(null) : next);
    }
}
