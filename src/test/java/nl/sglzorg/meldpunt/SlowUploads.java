package nl.sglzorg.meldpunt;

import io.quarkus.arc.Arc;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nl.sglzorg.meldpunt.common.web.UploadSlots;
import org.awaitility.Awaitility;

/**
 * Uploads that hold their slot: each sends its headers and the first kilobyte of a 1 MB multipart
 * body, then nothing more, until {@link #close()} drops the connections (an aborted upload).
 */
public final class SlowUploads implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();

    private SlowUploads() {
    }

    /** Every upload slot of the instance taken by a slow upload to {@code path}. */
    public static SlowUploads takeEverySlot(String path) {
        SlowUploads uploads = new SlowUploads();
        UploadSlots slots = Arc.container().instance(UploadSlots.class).get();
        try {
            int free = slots.available();
            for (int i = 0; i < free; i++) {
                uploads.start(path);
            }
            awaitSlots(slots, 0);
            return uploads;
        } catch (RuntimeException | Error e) {
            uploads.close();
            throw e;
        }
    }

    private void start(String path) {
        try {
            Socket socket = new Socket("localhost", RestAssured.port);
            sockets.add(socket);
            byte[] part = ("--grens\r\nContent-Disposition: form-data; name=\"file\"; filename=\"traag.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + RestAssured.port + "\r\n"
                    + TestData.REQUESTED_BY + ": meldpunt-tests\r\nX-Tracking-Token: traag\r\n"
                    + "Content-Type: multipart/form-data; boundary=grens\r\nContent-Length: " + (1024 * 1024) + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(part);
            out.write(new byte[1024]);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops every connection; waits until the instance has given their slots back. */
    @Override
    public void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // gone already
            }
        }
        UploadSlots slots = Arc.container().instance(UploadSlots.class).get();
        sockets.clear();
        awaitSlots(slots, slots.total());
    }

    /** Waits up to 10 s for {@code expected} free slots. */
    private static void awaitSlots(UploadSlots slots, int expected) {
        Awaitility.await(expected + " free upload slots").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(slots::available, free -> free == expected);
    }
}
