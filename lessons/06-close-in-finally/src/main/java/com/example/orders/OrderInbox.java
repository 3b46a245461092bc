package com.example.orders;

import java.io.BufferedReader;
import java.io.IOException;

/** Where partners drop their order files: a folder on disk in production, an SFTP share at some partners. */
@FunctionalInterface
public interface OrderInbox {

    /** Opens the named file for reading. The caller closes the reader. */
    BufferedReader open(String fileName) throws IOException;
}
