import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

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
 * turn), page (the staff desk's ticket page of a seeded ticket), form (the reporter's filing form,
 * {@code POST /melden/versturen} as a browser sends it, a URL of its own; a {@code 200} with the receipt
 * counts as filed). Prints one line:
 * {@code sent=N ok=N errors=N rate=R p50=MS p90=MS p99=MS max=MS}. With {@code -Dtrace=FILE} it also
 * writes each open-loop request's due moment (epoch ms) and latency (ms) to FILE, a line each.
 *
 * <p>MODE upload is not open loop: RATE is the number of uploads at once. Rounds of that many
 * evidence uploads ({@code POST /api/signals/{ref}/evidence}, the image in the file named by the
 * system property {@code image}, made once if it is missing), each to another open seeded ticket, all
 * sent together; the next round starts when the last has answered. Prints
 * {@code sent=N ok=N refused=N errors=N rounds=N p50=MS p90=MS p99=MS max=MS statuses=201:N,503:N},
 * where ok counts {@code 201}, refused {@code 503} (no upload slot or no turn to decode: an answer,
 * not a failure), errors everything else (other statuses, connections closed without an answer), and
 * the percentiles are those of the accepted uploads.
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
        if (mode.equals("upload")) {
            uploads(client, base, (int) rate, seconds, warmup, ranges, Path.of(System.getProperty("image")));
            System.exit(0);
        }
        if (mode.equals("form")) {
            csrf = csrfToken(client, base);
        }

        Wire wire = new Wire(URI.create(base));
        if (warmup > 0) {
            drive(wire, mode, rate, warmup, ranges, auth, run + "w");
        }
        Result result = drive(wire, mode, rate, seconds, ranges, auth, run);
        String trace = System.getProperty("trace");
        if (trace != null) {
            // For finding what a tail lines up with (collections, the outbox's drains): each request's
            // due moment (wall clock, ms) and latency (ms), in the order they were due.
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < result.latencies.length; i++) {
                lines.append(String.format(Locale.ROOT, "%d %.2f%n",
                        result.startMillis + (long) (i * 1000 / rate), result.latencies[i] / 1e6));
            }
            Files.writeString(Path.of(trace), lines);
        }
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
        long startMillis;
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        volatile String firstError;
    }

    static Result drive(Wire wire, String mode, double rate, double seconds, List<Range> ranges, String auth,
            String run) throws InterruptedException {
        int total = (int) Math.round(rate * seconds);
        long period = (long) (1e9 / rate);
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        Result result = new Result();
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime() + 50_000_000;
        result.startMillis = System.currentTimeMillis() + 50;
        // Only the form's answer is read: a 200 is the receipt, or the form again with its errors.
        boolean keepBody = mode.equals("form");
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Wire.Request request = request(mode, i, ranges, auth, run);
            int index = i;
            boolean sent = wire.send(request, keepBody, (status, body, error) -> {
                latencies[index] = System.nanoTime() - due;
                boolean receipt = !keepBody || body != null && body.contains(RECEIPT);
                if (error == null && status >= 200 && status < 300 && receipt) {
                    result.ok.incrementAndGet();
                } else {
                    result.errors.incrementAndGet();
                    if (result.firstError == null) {
                        result.firstError = error != null ? error.toString()
                                : "HTTP " + status + (receipt ? "" : " without a receipt") + " " + request.path();
                    }
                }
                done.incrementAndGet();
            });
            if (!sent && result.firstError == null) {
                // Never answered: counted failed with its wait when the run ends.
                result.firstError = "more than " + Wire.MAX_UNDER_WAY + " requests under way at once";
            }
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

    static Wire.Request request(String mode, int i, List<Range> ranges, String auth, String run) {
        List<String> headers = new ArrayList<>(2);
        if (auth != null) {
            headers.add("Authorization: " + auth);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        switch (mode) {
            case "post" -> {
                return Wire.Request.json("/api/signals", headers, body("bench-load-" + run + "-" + i));
            }
            case "dup" -> {
                // An open (NEW) seeded ticket: x mod 10 < 4, see Seed.
                Range r = pick(ranges);
                long x = random.nextLong(r.count() / 10) * 10 + random.nextInt(4);
                return Wire.Request.json("/api/signals", headers, body("bench-seed-" + (r.first() + x)));
            }
            case "track" -> {
                Range r = pick(ranges);
                long n = r.first() + random.nextLong(r.count());
                headers.add("X-Tracking-Token: bench-" + n);
                return Wire.Request.get("/api/signals/" + String.format("SGL-%d-%06d", r.year(), n), headers);
            }
            case "list" -> {
                return Wire.Request.get("/api/tickets?" + LIST_QUERIES[i % LIST_QUERIES.length], headers);
            }
            case "stats" -> {
                return Wire.Request.get("/api/stats", headers);
            }
            case "queue" -> {
                return Wire.Request.get("/beheer/wachtrij?" + LIST_QUERIES[i % LIST_QUERIES.length], headers);
            }
            case "page" -> {
                Range r = pick(ranges);
                long n = r.first() + random.nextLong(r.count());
                return Wire.Request.get("/beheer/meldingen/" + String.format("SGL-%d-%06d", r.year(), n), headers);
            }
            case "form" -> {
                headers.add("Content-Type: multipart/form-data; boundary=" + BOUNDARY);
                headers.add("Cookie: " + CSRF_COOKIE + "=" + csrf);
                return new Wire.Request("POST", "/melden/versturen", headers, form("bench-form-" + run + "-" + i));
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    static final String CSRF_COOKIE = "meldpunt-csrf";
    static final String BOUNDARY = "----MeldpuntBench7MA4YWxkTrZu0gW";
    /** What only the receipt page holds: the reference of the signal just filed. */
    static final String RECEIPT = "id=\"reference\">SGL-";
    static String csrf;

    /**
     * The form's CSRF token, from one {@code GET /melden}: the value of the cookie it sets, which its
     * form also carries. A double-submit cookie (web/PageCsrf) holds for every form of this client.
     */
    static String csrfToken(HttpClient client, String base) throws IOException, InterruptedException {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/melden")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(CSRF_COOKIE + "=")).findFirst()
                .map(c -> c.substring(CSRF_COOKIE.length() + 1).split(";", 2)[0])
                .orElseThrow(() -> new IllegalStateException("GET /melden set no " + CSRF_COOKIE + " cookie"));
        Matcher field = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(page.body());
        if (!field.find() || !field.group(1).equals(cookie)) {
            throw new IllegalStateException("the form of GET /melden does not carry the cookie's CSRF token");
        }
        return cookie;
    }

    /**
     * The check page's form as a browser sends it once "Versturen" is pressed: multipart, every hidden
     * field (empty ones too), the page's one-time key (web/ReportPage: a check page gives each form a key
     * of its own, so each post here has one, and pays for the key's row) and the screenshot field with
     * no file chosen.
     */
    static byte[] form(String post) {
        byte[] key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        String[][] fields = {
            {"csrf-token", csrf}, {"submission", Base64.getUrlEncoder().withoutPadding().encodeToString(key)},
            {"lang", "nl"}, {"language", "nl"}, {"category", "MENTION"},
            {"platform", "FACEBOOK"}, {"topic", "EMPLOYMENT"},
            {"url", "https://www.facebook.com/sglzorg/posts/" + post},
            {"description", "Iemand vraagt naar vacatures."}, {"observedAt", ""}, {"region", ""},
            {"activityCentre", ""}, {"reporter.name", ""}, {"reporter.email", ""}, {"reporter.relation", ""},
            {"reporter.unit", ""}, {"reporter.careWorkerEmail", ""},
        };
        StringBuilder body = new StringBuilder();
        for (String[] field : fields) {
            body.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"").append(field[0])
                    .append("\"\r\n\r\n").append(field[1]).append("\r\n");
        }
        body.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"file\";")
                .append(" filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n");
        body.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nsend\r\n");
        body.append("--").append(BOUNDARY).append("--\r\n");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Rounds of {@code concurrency} uploads at once, for the warm-up and then the measured seconds. */
    static void uploads(HttpClient client, String base, int concurrency, double seconds, double warmup,
            List<Range> ranges, Path image) throws IOException, InterruptedException {
        if (!Files.exists(image)) {
            makeImage(image, 10L * 1024 * 1024);
        }
        if (warmup > 0) {
            uploadRounds(client, base, concurrency, warmup, ranges, image);
        }
        Uploads u = uploadRounds(client, base, concurrency, seconds, ranges, image);
        long[] l = u.accepted.stream().mapToLong(Long::longValue).sorted().toArray();
        StringBuilder statuses = new StringBuilder();
        u.statuses.forEach((k, v) -> statuses.append(statuses.length() == 0 ? "" : ",").append(k).append(':').append(v));
        System.out.printf(Locale.ROOT, "sent=%d ok=%d refused=%d errors=%d rounds=%d p50=%.2f p90=%.2f p99=%.2f"
                + " max=%.2f statuses=%s%n", u.sent, l.length, u.refused, u.sent - l.length - u.refused, u.rounds,
                pct(l, 50), pct(l, 90), pct(l, 99), l.length == 0 ? 0 : l[l.length - 1] / 1e6, statuses);
        if (u.firstError != null) {
            System.err.println("first error: " + u.firstError);
        }
    }

    static final class Uploads {
        final List<Long> accepted = new ArrayList<>();
        final Map<String, Integer> statuses = new TreeMap<>();
        int sent;
        int refused;
        int rounds;
        String firstError;
    }

    static Uploads uploadRounds(HttpClient client, String base, int concurrency, double seconds, List<Range> ranges,
            Path image) throws IOException, InterruptedException {
        Uploads u = new Uploads();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            List<CompletableFuture<String>> round = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                HttpRequest request = upload(base, ranges, image);
                round.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                    long latency = System.nanoTime() - start;
                    String outcome = response != null ? Integer.toString(response.statusCode())
                            : error.getCause() != null ? error.getCause().getClass().getSimpleName()
                            : error.getClass().getSimpleName();
                    synchronized (u) {
                        u.statuses.merge(outcome, 1, Integer::sum);
                        if (outcome.equals("201")) {
                            u.accepted.add(latency);
                        } else if (outcome.equals("503")) {
                            u.refused++;
                        } else if (u.firstError == null) {
                            u.firstError = outcome + " " + request.uri() + " "
                                    + (response != null ? response.body() : error.toString());
                        }
                    }
                    return outcome;
                }));
            }
            for (CompletableFuture<String> upload : round) {
                upload.join();
            }
            u.sent += concurrency;
            u.rounds++;
        }
        return u;
    }

    /** One upload of the image, with the tracking token, to a random open (NEW or IN_PROGRESS) seeded ticket. */
    static HttpRequest upload(String base, List<Range> ranges, Path image) throws IOException {
        Range r = pick(ranges);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long n = r.first() + random.nextLong(r.count() / 10) * 10 + random.nextInt(7); // x mod 10 < 7, see Seed
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.png\""
                + "\r\nContent-Type: image/png\r\n\r\n";
        String tail = "\r\n--" + BOUNDARY + "--\r\n";
        return HttpRequest.newBuilder(URI.create(base + "/api/signals/" + String.format("SGL-%d-%06d", r.year(), n)
                        + "/evidence"))
                .timeout(Duration.ofSeconds(60))
                .header("X-Tracking-Token", "bench-" + n)
                .header("X-Requested-By", "meldpunt-bench") // a multipart POST to the API must say it is no form
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofString(head),
                        HttpRequest.BodyPublishers.ofFile(image),
                        HttpRequest.BodyPublishers.ofString(tail)))
                .build();
    }

    /**
     * A PNG of random pixels (it does not compress: about 3 bytes a pixel), as large as fits under
     * {@code maxBytes} with room for the multipart framing, and far within the pixel limits.
     */
    static void makeImage(Path file, long maxBytes) throws IOException {
        Random random = new Random(19);
        int width = 2000;
        int height = (int) ((maxBytes - 64 * 1024) / (width * 3L + 1)) - 20;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        random.nextBytes(((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        if (out.size() > maxBytes - 1024) {
            throw new IllegalStateException("the noise PNG is " + out.size() + " bytes, over " + maxBytes);
        }
        Files.write(file, out.toByteArray());
        System.err.printf(Locale.ROOT, "made %s: %d × %d pixels, %d bytes%n", file, width, height, out.size());
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

    /**
     * The open loop's HTTP/1.1 client: keep-alive connections from a pool, each request written in one
     * piece and its answer read on a thread of a cached pool, one connection a request under way. It
     * replaced java.net.http's client there, which cost this host about 2.5 ms of CPU a request
     * (docs/benchmarks.md, "What changed in session 22"): as much as the filing it measured, on the
     * same two cores. The uploads and the form's CSRF token still use java.net.http.
     */
    static final class Wire {

        /** How one request ended: its status and (when asked for) its body, or what went wrong. */
        interface Answer {
            void accept(int status, String body, Exception error);
        }

        record Request(String method, String path, List<String> headers, byte[] body) {

            static Request get(String path, List<String> headers) {
                return new Request("GET", path, headers, null);
            }

            static Request json(String path, List<String> headers, String json) {
                headers.add("Content-Type: application/json");
                return new Request("POST", path, headers, json.getBytes(StandardCharsets.UTF_8));
            }
        }

        /** A pooled connection that the server closed before answering: the request is sent again on a new one. */
        static final class Stale extends IOException {
            Stale() {
                super("connection closed before an answer");
            }
        }

        private final String host;
        private final int port;
        private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
        static final int MAX_UNDER_WAY = 4096;

        private final ThreadPoolExecutor threads = new ThreadPoolExecutor(0, MAX_UNDER_WAY, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(null, task, "wire", 256 * 1024);
                    thread.setDaemon(true);
                    return thread;
                });

        Wire(URI base) {
            if (!"http".equals(base.getScheme()) || base.getPath() != null && !base.getPath().isEmpty()
                    && !base.getPath().equals("/")) {
                throw new IllegalArgumentException("plain http://host:port only: " + base);
            }
            host = base.getHost();
            port = base.getPort() < 0 ? 80 : base.getPort();
        }

        /**
         * Sends the request on a thread of its own; false, and nothing sent, when {@value #MAX_UNDER_WAY}
         * are under way already: the caller then counts it failed with its wait so far, never with none.
         */
        boolean send(Request request, boolean keepBody, Answer answer) {
            byte[] bytes = encode(request);
            boolean idempotent = request.method().equals("GET");
            try {
                threads.execute(() -> exchange(bytes, idempotent, keepBody, answer));
                return true;
            } catch (RejectedExecutionException e) {
                return false;
            }
        }

        private byte[] encode(Request request) {
            StringBuilder head = new StringBuilder(256).append(request.method()).append(' ').append(request.path())
                    .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
            for (String header : request.headers()) {
                head.append(header).append("\r\n");
            }
            if (request.body() != null) {
                head.append("Content-Length: ").append(request.body().length).append("\r\n");
            }
            byte[] top = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
            if (request.body() == null) {
                return top;
            }
            byte[] all = Arrays.copyOf(top, top.length + request.body().length);
            System.arraycopy(request.body(), 0, all, top.length, request.body().length);
            return all;
        }

        /**
         * One request and its answer. A GET that finds its pooled connection closed by the server is
         * sent once more on a new one, as java.net.http does; a POST is not (the server may have taken
         * it), and counts as failed.
         */
        private void exchange(byte[] request, boolean idempotent, boolean keepBody, Answer answer) {
            Connection connection = idle.poll();
            boolean pooled = connection != null;
            Response response = null;
            Exception failure = null;
            while (response == null && failure == null) {
                try {
                    if (connection == null) {
                        connection = new Connection(host, port);
                    }
                    connection.out.write(request);
                    connection.out.flush();
                    response = connection.read(keepBody);
                    if (response.keepAlive()) {
                        idle.add(connection);
                    } else {
                        connection.close();
                    }
                } catch (IOException | RuntimeException e) {
                    if (connection != null) {
                        connection.close();
                    }
                    if (pooled && idempotent && e instanceof Stale) {
                        pooled = false;
                        connection = null;
                    } else {
                        failure = e;
                    }
                }
            }
            if (response != null) {
                answer.accept(response.status(), response.body(), null);
            } else {
                answer.accept(-1, null, failure);
            }
        }

        record Response(int status, String body, boolean keepAlive) {
        }

        static final class Connection {

            private final Socket socket;
            private final InputStream in;
            private final OutputStream out;
            private final StringBuilder line = new StringBuilder(128);
            private final byte[] skip = new byte[8192];

            Connection(String host, int port) throws IOException {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), 5_000);
                socket.setSoTimeout(30_000);
                in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                out = socket.getOutputStream();
            }

            /** The final answer: interim ones (1xx) are read and passed over. */
            Response read(boolean keepBody) throws IOException {
                boolean first = true;
                while (true) {
                    Response response = readOne(keepBody, first);
                    if (response != null) {
                        return response;
                    }
                    first = false;
                }
            }

            /** One answer, or null for an interim (1xx) one. */
            private Response readOne(boolean keepBody, boolean first) throws IOException {
                String status = line(first);
                if (!status.startsWith("HTTP/1.") || status.length() < 12) {
                    throw new IOException("not an HTTP answer: " + status);
                }
                int code = Integer.parseInt(status.substring(9, 12));
                long length = -1;
                boolean chunked = false;
                boolean close = status.startsWith("HTTP/1.0");
                for (String header = line(false); !header.isEmpty(); header = line(false)) {
                    int colon = header.indexOf(':');
                    if (colon <= 0) {
                        throw new IOException("not a header line: " + header);
                    }
                    String name = header.substring(0, colon).trim();
                    String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                    if (name.equalsIgnoreCase("Content-Length")) {
                        length = Long.parseLong(value);
                    } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                        chunked = value.contains("chunked");
                    } else if (name.equalsIgnoreCase("Connection")) {
                        for (String token : value.split(",")) {
                            close |= token.trim().equals("close");
                            close &= !token.trim().equals("keep-alive");
                        }
                    }
                }
                if (code < 200) {
                    return null;
                }
                ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream() : null;
                if (code == 204 || code == 304) {
                    // No body, whatever the headers say.
                } else if (chunked) {
                    while (true) {
                        String size = line(false);
                        int extension = size.indexOf(';');
                        long n = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
                        if (n == 0) {
                            while (!line(false).isEmpty()) {
                                // trailers
                            }
                            break;
                        }
                        copy(n, body);
                        line(false);
                    }
                } else if (length >= 0) {
                    copy(length, body);
                } else {
                    copy(Long.MAX_VALUE, body);
                    close = true;
                }
                return new Response(code, body == null ? null : body.toString(StandardCharsets.UTF_8), !close);
            }

            /** One header line without its CRLF; at the first byte of an answer the end of the stream means a stale connection. */
            private String line(boolean first) throws IOException {
                line.setLength(0);
                while (true) {
                    int b = in.read();
                    if (b < 0) {
                        if (first && line.length() == 0) {
                            throw new Stale();
                        }
                        throw new EOFException("connection closed within an answer");
                    }
                    if (b == '\n') {
                        int end = line.length();
                        if (end > 0 && line.charAt(end - 1) == '\r') {
                            line.setLength(end - 1);
                        }
                        return line.toString();
                    }
                    line.append((char) b);
                }
            }

            private void copy(long n, ByteArrayOutputStream body) throws IOException {
                long left = n;
                while (left > 0) {
                    int read = in.read(skip, 0, (int) Math.min(skip.length, left));
                    if (read < 0) {
                        if (n == Long.MAX_VALUE) {
                            return;
                        }
                        throw new EOFException("connection closed within a body");
                    }
                    if (body != null) {
                        body.write(skip, 0, read);
                    }
                    left -= read;
                }
            }

            void close() {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
