package com.example.orders;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The inbox as a folder on the import server's disk. */
public final class FolderInbox implements OrderInbox {

    private final Path folder;

    public FolderInbox(Path folder) {
        this.folder = folder;
    }

    @Override
    public BufferedReader open(String fileName) throws IOException {
        return Files.newBufferedReader(folder.resolve(fileName), StandardCharsets.UTF_8);
    }
}
