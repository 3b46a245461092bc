package com.example.bundles;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Accepts {@code PUT /bundles/<file name>}: stores the request body as that file in the incoming
 * folder, replacing an earlier upload of the same name, and answers 201 Created.
 */
final class BundleUploadHandler implements HttpHandler {

    private static final String PREFIX = "/bundles/";

    /**
     * A bundle is stored in about a hundred writes, whatever its size: small pieces for the small
     * bundles, few system calls for a heap dump.
     */
    private static final long PIECES = 100;
    private static final long MIN_PIECE = 8 * 1024;
    private static final long MAX_PIECE = Integer.MAX_VALUE - 8;

    private final Path incomingDir;

    BundleUploadHandler(Path incomingDir) {
        this.incomingDir = incomingDir.toAbsolutePath().normalize();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"PUT".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "PUT");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Path target = bundleNamed(exchange.getRequestURI().getPath().substring(PREFIX.length()));
            if (target == null) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            String announced = exchange.getRequestHeaders().getFirst("Content-Length");
            long length = announced == null ? 0 : Long.parseLong(announced);
            byte[] piece = new byte[(int) Math.min(MAX_PIECE, Math.max(MIN_PIECE, length / PIECES))];
            InputStream body = exchange.getRequestBody();
            try (OutputStream bundle = Files.newOutputStream(target)) {
                for (int n; (n = body.read(piece)) != -1; ) {
                    bundle.write(piece, 0, n);
                }
            }
            exchange.sendResponseHeaders(201, -1);
        } finally {
            exchange.close();
        }
    }

    /** The file {@code name} stands for, or {@code null} if it would lead out of the incoming folder. */
    private Path bundleNamed(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")) {
            return null;
        }
        return incomingDir.resolve(name);
    }
}
