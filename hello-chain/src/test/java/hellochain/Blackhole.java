package hellochain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback listener that accepts every connection and never answers, as a hung server does. */
final class Blackhole implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    private Blackhole(ServerSocket listener) {
        this.listener = listener;
        Thread thread = new Thread(this::accept, "blackhole-accept");
        thread.setDaemon(true);
        thread.start();
    }

    static Blackhole start() {
        try {
            return new Blackhole(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() {
        accepted.forEach(Blackhole::closeQuietly);
        closeQuietly(listener);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                // Held open and never read: the client's bytes sit in the kernel's buffers, unanswered.
                accepted.add(listener.accept());
            } catch (IOException e) {
                // closed
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
