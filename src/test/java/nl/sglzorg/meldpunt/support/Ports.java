package nl.sglzorg.meldpunt.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the tests' servers and packaged applications: free now, never handed out twice in one
 * run, and below Linux's ephemeral range (32768-60999). A port from that range, which
 * {@code new ServerSocket(0)} gives, can become the local port of any outgoing connection while a test
 * has its server stopped, and the server then cannot start on it again: GreenMail's restart in
 * {@code OutboxMailTest} once failed so in CI ("Address already in use"), as PostgreSQL's start did
 * in the benchmark before {@code .ci/postgres.sh} drew its ports below the range.
 */
public final class Ports {

    private static final int FIRST = 20_000;
    private static final int EPHEMERAL = 32_768;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** A port nobody listens on now, on any address. */
    public static int free() {
        for (int tries = 0; tries < 1_000; tries++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, EPHEMERAL);
            if (GIVEN.contains(port)) {
                continue;
            }
            try (ServerSocket probe = new ServerSocket(port)) {
                if (GIVEN.add(port)) {
                    return port;
                }
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + EPHEMERAL + " in 1,000 tries");
    }
}
