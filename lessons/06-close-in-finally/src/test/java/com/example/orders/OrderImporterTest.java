package com.example.orders;

import static dev.leakproof.LeakAssertions.assertThatRunning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import dev.leakproof.LeftoversAssert;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The order importer")
class OrderImporterTest {

    private static final String WELL_FORMED = "acme-orders-0516.csv";
    /** Its third line has a quantity that is not a number. */
    private static final String MALFORMED = "acme-orders-0517.csv";
    /** The import job tries a rejected file again once a minute: twenty minutes of it. */
    private static final int JOB_RUNS = 20;
    private static final String CLOSE_FAILURE = "the share reported an error while closing the file";

    @TempDir
    Path inboxFolder;

    /** Every reader the inbox handed out: tests look at whether each was closed, and close any left open. */
    private final List<InboxReader> opened = new ArrayList<>();

    private final OrderImporter importer = new OrderImporter(fileName -> open(fileName, false));

    /** The same inbox on a network share that reports an error whenever a file is closed. */
    private final OrderImporter importerOnAFlakyShare = new OrderImporter(fileName -> open(fileName, true));

    @BeforeEach
    void partnersDropTheirFiles() throws IOException {
        Files.writeString(inboxFolder.resolve(WELL_FORMED), String.join("\n",
                "order_id,sku,quantity",
                "A-1001,SKU-1001,2",
                "",
                "A-1002,SKU-1004,1",
                "A-1003,SKU-1001,12",
                ""));
        Files.writeString(inboxFolder.resolve(MALFORMED), String.join("\n",
                "order_id,sku,quantity",
                "A-1004,SKU-1002,3",
                "A-1005,SKU-1003,two",
                "A-1006,SKU-1005,1",
                ""));
    }

    @AfterEach
    void closeWhatTheImporterLeftOpen() throws IOException {
        for (InboxReader reader : opened) {
            reader.closeTheFile();
        }
    }

    @ContractTest
    @DisplayName("reads every order of a well-formed file, in the order of its rows")
    void readsEveryOrder() throws IOException {
        assertThat(importer.importFile(WELL_FORMED)).as("the orders read from " + WELL_FORMED).containsExactly(
                new Order("A-1001", "SKU-1001", 2),
                new Order("A-1002", "SKU-1004", 1),
                new Order("A-1003", "SKU-1001", 12));
    }

    @ContractTest
    @DisplayName("rejects a file with a malformed row, naming the line of that row")
    void rejectsAMalformedRow() {
        assertThatThrownBy(() -> importer.importFile(MALFORMED))
                .as("importing " + MALFORMED + ", whose third line has a quantity that is not a number")
                .isInstanceOfSatisfying(MalformedOrderException.class,
                        e -> assertThat(e.lineNumber()).as("the line number it names").isEqualTo(3))
                .hasMessage("line 3: quantity 'two' is not a whole number");
    }

    @ContractTest
    @DisplayName("rejects rows with missing fields or a quantity below one")
    void rejectsIncompleteRows() throws IOException {
        Files.writeString(inboxFolder.resolve("short-row.csv"), "order_id,sku,quantity\nA-1,SKU-1001\n");
        Files.writeString(inboxFolder.resolve("zero.csv"), "order_id,sku,quantity\nA-1,SKU-1001,1\nA-2,SKU-1001,0\n");

        assertThatThrownBy(() -> importer.importFile("short-row.csv"))
                .as("importing a file whose second line has two fields")
                .isInstanceOf(MalformedOrderException.class)
                .hasMessageStartingWith("line 2: expected 3 fields");
        assertThatThrownBy(() -> importer.importFile("zero.csv"))
                .as("importing a file whose third line has a quantity of 0")
                .isInstanceOf(MalformedOrderException.class)
                .hasMessage("line 3: quantity must be at least 1, was 0");
    }

    @ContractTest
    @DisplayName("closes a well-formed file once it has read it")
    void closesAWellFormedFile() throws IOException {
        importer.importFile(WELL_FORMED);

        assertThat(opened).as("the files the import opened").singleElement()
                .matches(InboxReader::isClosed, "is closed");
    }

    @ContractTest
    @DisplayName("passes on to the caller an error from closing a file it read in full")
    void reportsAFailureToClose() {
        assertThatThrownBy(() -> importerOnAFlakyShare.importFile(WELL_FORMED))
                .as("importing a well-formed file from a share that reports an error on closing it")
                .isInstanceOf(IOException.class)
                .hasMessage(CLOSE_FAILURE);
    }

    @LeakTest
    @DisplayName("closes the file every time a malformed row makes the import fail")
    void closesAMalformedFile() {
        assertThatRunning(() -> importAsTheJobDoes(MALFORMED, JOB_RUNS)).leavesNoOpenFiles();
    }

    @LeakTest
    @DisplayName("closes the file when a row is malformed, and reports that row, not the error from closing")
    void keepsTheRowErrorWhenClosingFails() {
        LeftoversAssert importing = assertThatRunning(() -> importerOnAFlakyShare.importFile(MALFORMED));

        importing.leavesNoOpenFiles();
        Throwable thrown = importing.thrown();
        assertThat(thrown)
                .as("what the caller of importFile gets")
                .isInstanceOf(MalformedOrderException.class)
                .hasMessage("line 3: quantity 'two' is not a whole number");
        assertThat(thrown.getSuppressed())
                .as("the exceptions attached to it with addSuppressed")
                .singleElement(THROWABLE)
                .isInstanceOf(IOException.class)
                .hasMessage(CLOSE_FAILURE);
    }

    /** What the import job does with a file, once a minute, until the partner fixes it. */
    private void importAsTheJobDoes(String fileName, int runs) throws IOException {
        for (int run = 0; run < runs; run++) {
            try {
                importer.importFile(fileName);
            } catch (MalformedOrderException rejected) {
                // the file stays in the inbox, and the partner is told which line to fix
            }
        }
    }

    /** Opens the file through the production {@link FolderInbox}, and remembers the reader. */
    private BufferedReader open(String fileName, boolean failOnClose) throws IOException {
        InboxReader reader = new InboxReader(new FolderInbox(inboxFolder).open(fileName), failOnClose);
        opened.add(reader);
        return reader;
    }

    /** A reader of the inbox that remembers whether it was closed. */
    private static final class InboxReader extends BufferedReader {

        private final BufferedReader file;
        private final boolean failOnClose;
        private boolean closed;

        InboxReader(BufferedReader file, boolean failOnClose) {
            super(file);
            this.file = file;
            this.failOnClose = failOnClose;
        }

        /** Closes the file, then, on a flaky share, reports an error, as the share does. */
        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
            if (failOnClose) {
                throw new IOException(CLOSE_FAILURE);
            }
        }

        boolean isClosed() {
            return closed;
        }

        void closeTheFile() throws IOException {
            file.close();
        }
    }
}
