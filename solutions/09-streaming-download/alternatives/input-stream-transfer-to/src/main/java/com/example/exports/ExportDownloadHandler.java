package com.example.exports;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Answers {@code GET /exports/<file name>} with that file from the exports folder, as an
 * attachment. The partners' download jobs fetch the nightly exports here.
 */
final class ExportDownloadHandler implements HttpHandler {

    private static final String PREFIX = "/exports/";

    private final Path exportsDir;

    ExportDownloadHandler(Path exportsDir) {
        this.exportsDir = exportsDir.toAbsolutePath().normalize();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Path export = exportNamed(exchange.getRequestURI().getPath().substring(PREFIX.length()));
            if (export == null || !Files.isRegularFile(export)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/octet-stream");
            headers.set("Content-Disposition", "attachment; filename=\"" + export.getFileName() + "\"");
            exchange.sendResponseHeaders(200, Files.size(export));
            try (InputStream content = Files.newInputStream(export)) {
                content.transferTo(exchange.getResponseBody());
            }
        } finally {
            exchange.close();
        }
    }

    /** The file {@code name} stands for, or {@code null} if it would lead out of the exports folder. */
    private Path exportNamed(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")) {
            return null;
        }
        return exportsDir.resolve(name);
    }
}
