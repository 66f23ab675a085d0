package nl.sglzorg.meldpunt.notification;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories for Jakarta Mail that set {@code TCP_NODELAY}: an SMTP client writes an e-mail
 * and then its closing line, and with Nagle's algorithm that second write waits for the server's
 * delayed acknowledgement of the first (40 ms on Linux). Jakarta Mail makes a plain socket with
 * {@link #PLAIN}'s {@code createSocket()} and puts TLS on one (implicit TLS, STARTTLS) with
 * {@link #TLS}'s {@code createSocket(Socket, …)}; the other methods are there for completeness.
 */
final class NoDelaySockets {

    static final SocketFactory PLAIN = new Plain();

    static final SSLSocketFactory TLS = new Tls((SSLSocketFactory) SSLSocketFactory.getDefault());

    private NoDelaySockets() {
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static final class Plain extends SocketFactory {

        private static final SocketFactory SOCKETS = SocketFactory.getDefault();

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(SOCKETS.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(SOCKETS.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(SOCKETS.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(SOCKETS.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(SOCKETS.createSocket(address, port, localAddress, localPort));
        }
    }

    /** TLS over a socket of {@link #PLAIN}'s, or over the one given. */
    private static final class Tls extends SSLSocketFactory {

        private final SSLSocketFactory tls;

        Tls(SSLSocketFactory tls) {
            this.tls = tls;
        }

        @Override
        public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
            return noDelay(tls.createSocket(plain, host, port, autoClose));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return tls.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return tls.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return createSocket(PLAIN.createSocket(host, port), host, port, true);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return createSocket(PLAIN.createSocket(host, port, localHost, localPort), host, port, true);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return createSocket(PLAIN.createSocket(host, port), host.getHostName(), port, true);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return createSocket(PLAIN.createSocket(address, port, localAddress, localPort), address.getHostName(),
                    port, true);
        }
    }
}
