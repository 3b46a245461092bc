package com.example.bundles;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;

/**
 * The support bundle intake: customers' installations upload their diagnostic bundles to
 * {@code /bundles/<file name>}, and the support team picks them up from the incoming folder.
 *
 * <pre>{@code
 * try (BundleIntakeServer server = BundleIntakeServer.start(new InetSocketAddress(8080), Path.of("/srv/incoming"))) {
 *     ...
 * }
 * }</pre>
 */
public final class BundleIntakeServer implements AutoCloseable {

    private final HttpServer server;

    private BundleIntakeServer(HttpServer server) {
        this.server = server;
    }

    /** Starts accepting bundles into {@code incomingDir} on {@code address} (port 0: any free port). */
    public static BundleIntakeServer start(InetSocketAddress address, Path incomingDir) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/bundles/", new BundleUploadHandler(incomingDir));
        server.start();
        return new BundleIntakeServer(server);
    }

    /** Where the service listens, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/");
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        server.stop(0);
    }
}
