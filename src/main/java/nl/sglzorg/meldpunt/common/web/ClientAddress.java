package nl.sglzorg.meldpunt.common.web;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address of the client behind a request, the key of every per-client limit.
 *
 * <p>Quarkus, trusting a proxy, takes the <em>left-most</em> {@code X-Forwarded-For} entry. A proxy
 * that appends to the header passes on whatever the client wrote there itself, so that entry is the
 * client's to choose. Here the header is read from the right: the proxies we trust each added one
 * entry, and the first entry that is not a trusted proxy is the client the last trusted proxy saw.
 * Without a trusted peer the header is ignored and the peer is the client.
 */
@ApplicationScoped
public class ClientAddress {

    private static final String UNKNOWN = "unknown";

    private final boolean forwarding;
    private final List<Range> trusted;

    ClientAddress(
            @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false") boolean addressForwarding,
            @ConfigProperty(name = "quarkus.http.proxy.allow-x-forwarded", defaultValue = "false") boolean allowXForwarded,
            @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") java.util.Optional<List<String>> trustedProxies) {
        this.forwarding = addressForwarding && allowXForwarded;
        List<Range> ranges = new ArrayList<>();
        for (String proxy : trustedProxies.orElse(List.of())) {
            ranges.addAll(Range.parse(proxy.strip()));
        }
        this.trusted = List.copyOf(ranges);
    }

    /** The client's address, as text: never from a header a client can write unseen. */
    public String of(HttpServerRequest request) {
        // The connection's address is the socket's peer; request.remoteAddress() is Quarkus' forwarded guess.
        SocketAddress socket = request.connection() == null ? request.remoteAddress() : request.connection().remoteAddress();
        return of(socket == null ? null : socket.hostAddress(), request.headers().getAll("X-Forwarded-For"));
    }

    /** The client behind {@code peer}, the connection's address, given the request's X-Forwarded-For headers. */
    String of(String peer, List<String> forwardedFor) {
        if (peer == null) {
            return UNKNOWN;
        }
        if (!forwarding || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                String address = stripPort(hop.strip());
                if (!address.isEmpty()) {
                    hops.add(address);
                }
            }
        }
        if (trusted.isEmpty()) {
            // No proxies named: the peer is taken as the one proxy, and only the entry it appended
            // (the right-most) is its word; everything left of it the client may have written.
            return hops.isEmpty() ? peer : hops.get(hops.size() - 1);
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!isTrusted(hops.get(i))) {
                return hops.get(i);
            }
        }
        // Only trusted proxies: the left-most of them spoke for itself.
        return hops.isEmpty() ? peer : hops.get(0);
    }

    /** With no trusted proxies configured, Quarkus trusts every peer; so does this. */
    private boolean isTrusted(String address) {
        if (trusted.isEmpty()) {
            return true;
        }
        byte[] bytes = literal(address);
        return bytes != null && trusted.stream().anyMatch(range -> range.contains(bytes));
    }

    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** The bytes of an IP literal, or {@code null} for anything else (never a DNS look-up). */
    static byte[] literal(String address) {
        if (address.isEmpty() || !(address.indexOf(':') >= 0 || address.matches("[0-9.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** An address or CIDR block from {@code quarkus.http.proxy.trusted-proxies}. */
    private record Range(byte[] network, int prefix) {

        static List<Range> parse(String value) {
            int slash = value.indexOf('/');
            String host = slash < 0 ? value : value.substring(0, slash);
            int colon = host.lastIndexOf(':');
            if (colon > 0 && host.indexOf(':') == colon) {
                host = host.substring(0, colon); // a port, which does not matter here
            }
            byte[] bytes = literal(host);
            if (bytes != null) {
                return List.of(new Range(bytes, slash < 0 ? bytes.length * 8 : Integer.parseInt(value.substring(slash + 1))));
            }
            try {
                // A host name, as Quarkus allows: resolved once, at start.
                List<Range> ranges = new ArrayList<>();
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    ranges.add(new Range(address.getAddress(), address.getAddress().length * 8));
                }
                return ranges;
            } catch (UnknownHostException e) {
                Log.warnf("trusted proxy %s does not resolve; it is not trusted", host);
                return List.of();
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest);
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
