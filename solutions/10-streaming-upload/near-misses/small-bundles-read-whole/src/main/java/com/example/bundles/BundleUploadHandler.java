package com.example.bundles;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Accepts {@code PUT /bundles/<file name>}: stores the request body as that file in the incoming
 * folder, replacing an earlier upload of the same name, and answers 201 Created.
 */
final class BundleUploadHandler implements HttpHandler {

    private static final String PREFIX = "/bundles/";

    /** Bundles up to this size are stored from one read: most are, and it is the fastest way. */
    private static final long IN_MEMORY_LIMIT = 64L * 1024 * 1024;

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
            if (announced != null && Long.parseLong(announced) <= IN_MEMORY_LIMIT) {
                Files.write(target, exchange.getRequestBody().readAllBytes());
            } else {
                Files.copy(exchange.getRequestBody(), target, StandardCopyOption.REPLACE_EXISTING);
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
