package nl.sglzorg.meldpunt.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may send (SECURITY.md, "Webhooks"): {@code https} to a public address. A private,
 * loopback, link-local or unique-local address — somewhere inside SGL's network, or this host — only
 * when {@code allowPrivate} (then over {@code http} too, as internal services often have no
 * certificate). Checked on the addresses the host resolves to, at registration and again before
 * every delivery, so a name that later points inside is refused then.
 */
final class WebhookTargets {

    static final int URL_MAX = 2000;

    /** Why a URL is refused; the message is Dutch, for the {@code url} field. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private WebhookTargets() {
    }

    /** The URL parsed and checked, resolving its host now; refused with a reason otherwise. */
    static URI check(String url, boolean allowPrivate) throws Refused {
        URI uri = parse(url);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new Refused("de host " + uri.getHost() + " is onbekend");
        }
        boolean anyPrivate = Arrays.stream(addresses).anyMatch(WebhookTargets::isPrivate);
        if (anyPrivate && !allowPrivate) {
            throw new Refused("wijst naar een intern of lokaal adres; dat mag niet");
        }
        boolean allPrivate = Arrays.stream(addresses).allMatch(WebhookTargets::isPrivate);
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !allPrivate) {
            throw new Refused("moet met https:// beginnen");
        }
        return uri;
    }

    /** The URL's shape alone: absolute http(s) with a host, no user name or password, not too long. */
    static URI parse(String url) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("verplicht");
        }
        if (url.length() > URL_MAX) {
            throw new Refused("hoogstens " + URL_MAX + " tekens");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new Refused("geen geldige URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new Refused("moet met https:// beginnen");
        }
        if (uri.getHost() == null) {
            throw new Refused("geen geldige URL: de host ontbreekt");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("zet geen gebruikersnaam of wachtwoord in de URL");
        }
        return uri;
    }

    /**
     * Not on the public internet: the wildcard, loopback, private (RFC 1918), shared (100.64/10),
     * link-local, multicast and unique-local (fc00::/7) ranges. An IPv4-mapped IPv6 address is
     * already an IPv4 address here (the JDK unwraps it); the IPv6 forms that carry an IPv4 address
     * otherwise (NAT64's 64:ff9b::/96, 6to4's 2002::/16, the IPv4-compatible ::/96) are judged by
     * the IPv4 address they carry: behind NAT64 64:ff9b::a00:5 is 10.0.0.5; NAT64's local-use
     * 64:ff9b:1::/48 is refused whole (until session 32 they passed).
     */
    static boolean isPrivate(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isSiteLocalAddress()
                || address.isLinkLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            if (startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
                // 64:ff9b:1::/48 is NAT64 for an operator's own network (RFC 8215), where the IPv4 address
                // may sit anywhere its layout puts it: never a public receiver.
                return true;
            }
            Optional<InetAddress> carried = carriedIpv4(bytes);
            return carried.isPresent() ? isPrivate(carried.get()) : (bytes[0] & 0xfe) == 0xfc;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second <= 127) || first >= 240;
    }

    /** The IPv4 address an IPv6 address carries by NAT64's well-known prefix, 6to4 or as IPv4-compatible. */
    private static Optional<InetAddress> carriedIpv4(byte[] v6) {
        int from;
        if (startsWith(v6, 0x00, 0x64, 0xff, 0x9b) && allZero(v6, 4, 12)) {
            from = 12;
        } else if (startsWith(v6, 0x20, 0x02)) {
            from = 2;
        } else if (allZero(v6, 0, 12) && !allZero(v6, 12, 16)) {
            from = 12;
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(v6, from, from + 4)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
