package com.example.exports;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;

/**
 * The partner download service: serves the nightly exports under {@code /exports/<file name>}.
 *
 * <pre>{@code
 * try (ExportServer server = ExportServer.start(new InetSocketAddress(8080), Path.of("/srv/exports"))) {
 *     ...
 * }
 * }</pre>
 */
public final class ExportServer implements AutoCloseable {

    private final HttpServer server;

    private ExportServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving the files of {@code exportsDir} on {@code address} (port 0: any free port). */
    public static ExportServer start(InetSocketAddress address, Path exportsDir) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/exports/", new ExportDownloadHandler(exportsDir));
        server.start();
        return new ExportServer(server);
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
