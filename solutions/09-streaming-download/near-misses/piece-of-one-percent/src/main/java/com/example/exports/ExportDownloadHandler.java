package com.example.exports;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Answers {@code GET /exports/<file name>} with that file from the exports folder, as an
 * attachment. The partners' download jobs fetch the nightly exports here.
 */
final class ExportDownloadHandler implements HttpHandler {

    private static final String PREFIX = "/exports/";

    /**
     * An export goes out in about a hundred reads, whatever its size: small pieces for the small
     * exports, few system calls for the month-end one.
     */
    private static final long PIECES = 100;
    private static final long MIN_PIECE = 8 * 1024;
    private static final long MAX_PIECE = Integer.MAX_VALUE - 8;

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
            long size = Files.size(export);
            exchange.sendResponseHeaders(200, size);
            byte[] piece = new byte[(int) Math.min(MAX_PIECE, Math.max(MIN_PIECE, size / PIECES))];
            OutputStream body = exchange.getResponseBody();
            try (InputStream content = Files.newInputStream(export)) {
                for (int n; (n = content.read(piece)) != -1; ) {
                    body.write(piece, 0, n);
                }
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
