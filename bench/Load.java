import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: sends requests at a fixed rate whatever the server does, and measures
 * each latency from the moment the request was due, not from when it went out, so a stall counts
 * against every request it delayed (no coordinated omission).
 *
 * <pre>  java bench/Load.java BASE_URL MODE RATE SECONDS [WARMUP_SECONDS] [RANGES_FILE] [USER:PASSWORD]</pre>
 *
 * MODE: post (a new signal, a URL of its own), dup (a signal reporting the post of an open seeded
 * ticket), track (a seeded ticket by reference and tracking token), list (the staff ticket list,
 * filters in turn), stats (GET /api/stats), queue (the staff desk's queue page, the same filters in
 * turn), page (the staff desk's ticket page of a seeded ticket). Prints one line:
 * {@code sent=N ok=N errors=N rate=R p50=MS p90=MS p99=MS max=MS}.
 */
public class Load {

    static final String[] LIST_QUERIES = {
        "status=NEW&priority=URGENT&platform=FACEBOOK",
        "status=NEW",
        "status=IN_PROGRESS&function=COMMUNICATIONS",
        "priority=HIGH&sort=priority",
        "platform=TWITTER&category=MENTION",
        "status=NEW&sort=due",
    };

    record Range(int year, long first, long count) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String mode = args[1];
        double rate = Double.parseDouble(args[2]);
        double seconds = Double.parseDouble(args[3]);
        double warmup = args.length > 4 ? Double.parseDouble(args[4]) : 0;
        List<Range> ranges = new ArrayList<>();
        if (args.length > 5 && !args[5].isEmpty() && Files.exists(Path.of(args[5]))) {
            for (String line : Files.readAllLines(Path.of(args[5]))) {
                String[] f = line.trim().split(" ");
                if (f.length == 3) {
                    ranges.add(new Range(Integer.parseInt(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
                }
            }
        }
        String auth = args.length > 6 && !args[6].isEmpty()
                ? "Basic " + Base64.getEncoder().encodeToString(args[6].getBytes(StandardCharsets.UTF_8)) : null;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String run = Long.toString(System.currentTimeMillis(), 36);

        if (warmup > 0) {
            drive(client, base, mode, rate, warmup, ranges, auth, run + "w");
        }
        Result result = drive(client, base, mode, rate, seconds, ranges, auth, run);
        long[] l = result.latencies;
        Arrays.sort(l);
        System.out.printf(Locale.ROOT, "sent=%d ok=%d errors=%d rate=%.1f p50=%.2f p90=%.2f p99=%.2f max=%.2f%n",
                result.sent, result.ok.get(), result.errors.get(), result.ok.get() / seconds, pct(l, 50), pct(l, 90), pct(l, 99),
                l.length == 0 ? 0 : l[l.length - 1] / 1e6);
        if (result.firstError != null) {
            System.err.println("first error: " + result.firstError);
        }
        System.exit(0);
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static final class Result {
        long[] latencies;
        int sent;
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        volatile String firstError;
    }

    static Result drive(HttpClient client, String base, String mode, double rate, double seconds, List<Range> ranges,
            String auth, String run) throws InterruptedException {
        int total = (int) Math.round(rate * seconds);
        long period = (long) (1e9 / rate);
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        Result result = new Result();
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime() + 50_000_000;
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest request = request(base, mode, i, ranges, auth, run);
            int index = i;
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                latencies[index] = System.nanoTime() - due;
                int status = response == null ? -1 : response.statusCode();
                if (error == null && status >= 200 && status < 300) {
                    result.ok.incrementAndGet();
                } else {
                    result.errors.incrementAndGet();
                    if (result.firstError == null) {
                        result.firstError = error != null ? error.toString() : "HTTP " + status + " " + request.uri();
                    }
                }
                done.incrementAndGet();
            });
        }
        // Whatever has not answered 10 s after the last request was due counts with its wait so far.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (done.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long now = System.nanoTime();
        for (int i = 0; i < total; i++) {
            if (latencies[i] < 0) {
                latencies[i] = now - (start + i * period);
                result.errors.incrementAndGet();
            }
        }
        result.latencies = latencies;
        result.sent = total;
        return result;
    }

    static HttpRequest request(String base, String mode, int i, List<Range> ranges, String auth, String run) {
        HttpRequest.Builder b = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        switch (mode) {
            case "post" -> b.uri(URI.create(base + "/api/signals")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body("bench-load-" + run + "-" + i)));
            case "dup" -> {
                // An open (NEW) seeded ticket: x mod 10 < 4, see Seed.
                Range r = pick(ranges);
                long x = random.nextLong(r.count() / 10) * 10 + random.nextInt(4);
                b.uri(URI.create(base + "/api/signals")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body("bench-seed-" + (r.first() + x))));
            }
            case "track" -> {
                Range r = pick(ranges);
                long n = r.first() + random.nextLong(r.count());
                b.uri(URI.create(base + "/api/signals/" + String.format("SGL-%d-%06d", r.year(), n)))
                        .header("X-Tracking-Token", "bench-" + n).GET();
            }
            case "list" -> b.uri(URI.create(base + "/api/tickets?" + LIST_QUERIES[i % LIST_QUERIES.length])).GET();
            case "stats" -> b.uri(URI.create(base + "/api/stats")).GET();
            case "queue" -> b.uri(URI.create(base + "/beheer/wachtrij?" + LIST_QUERIES[i % LIST_QUERIES.length])).GET();
            case "page" -> {
                Range r = pick(ranges);
                long n = r.first() + random.nextLong(r.count());
                b.uri(URI.create(base + "/beheer/meldingen/" + String.format("SGL-%d-%06d", r.year(), n))).GET();
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        return b.build();
    }

    /** A range, chosen in proportion to its size. */
    static Range pick(List<Range> ranges) {
        long total = ranges.stream().mapToLong(Range::count).sum();
        long at = ThreadLocalRandom.current().nextLong(total);
        for (Range r : ranges) {
            if (at < r.count()) {
                return r;
            }
            at -= r.count();
        }
        throw new IllegalStateException("no seeded tickets");
    }

    static String body(String post) {
        return "{\"category\":\"MENTION\",\"platform\":\"FACEBOOK\",\"topic\":\"EMPLOYMENT\","
                + "\"url\":\"https://www.facebook.com/sglzorg/posts/" + post + "\","
                + "\"description\":\"Iemand vraagt naar vacatures.\"}";
    }
}
