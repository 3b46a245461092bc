package com.example.orders;

import static dev.leakproof.LeakAssertions.assertThatRunning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;

import dev.leakproof.ContractTest;
import dev.leakproof.LeakTest;
import dev.leakproof.LeftoversAssert;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
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
    /** Saved by a spreadsheet as "Unicode text" (UTF-16): not UTF-8 from its first byte, the header's. */
    private static final String UTF16_EXPORT = "acme-orders-0518.csv";
    /**
     * A week of orders, {@value #WEEK_OF_ROWS} rows, the last of them with a sku written in Latin-1:
     * the file reads well for more than 8 KiB, hundreds of rows, then fails part-way through.
     */
    private static final String LATIN1_ROW_AT_THE_END = "acme-orders-0519.csv";
    private static final int WEEK_OF_ROWS = 1_000;
    /** A partner with no orders today sent a file without a single byte in it. */
    private static final String EMPTY = "acme-orders-0520.csv";
    /** A partner with no orders today sent the header line and nothing else. */
    private static final String HEADER_ONLY = "acme-orders-0521.csv";
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
        Files.write(inboxFolder.resolve(UTF16_EXPORT),
                "order_id,sku,quantity\nA-1007,SKU-1001,1\n".getBytes(StandardCharsets.UTF_16));
        ByteArrayOutputStream week = new ByteArrayOutputStream();
        week.writeBytes("order_id,sku,quantity\n".getBytes(StandardCharsets.UTF_8));
        for (int row = 1; row < WEEK_OF_ROWS; row++) {
            String order = "B-" + (10_000 + row) + ",SKU-" + (1000 + row % 7) + ",1\n";
            week.writeBytes(order.getBytes(StandardCharsets.UTF_8));
        }
        week.writeBytes("B-20000,SKU-GR\u00dcN,1\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(inboxFolder.resolve(LATIN1_ROW_AT_THE_END), week.toByteArray());
        Files.write(inboxFolder.resolve(EMPTY), new byte[0]);
        Files.writeString(inboxFolder.resolve(HEADER_ONLY), "order_id,sku,quantity\n");
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
    @DisplayName("reads no orders from an empty file or one with only its header")
    void readsNoOrdersFromAnEmptyFile() throws IOException {
        assertThat(importer.importFile(EMPTY)).as("the orders read from an empty file").isEmpty();
        assertThat(importer.importFile(HEADER_ONLY)).as("the orders read from a file with only its header").isEmpty();
    }

    @ContractTest
    @DisplayName("passes on the error of a file that is not UTF-8, wherever its first foreign byte is")
    void rejectsAFileThatIsNotUtf8() {
        assertThatThrownBy(() -> importer.importFile(UTF16_EXPORT))
                .as("importing a file a spreadsheet saved as UTF-16")
                .isInstanceOf(CharacterCodingException.class);
        assertThatThrownBy(() -> importer.importFile(LATIN1_ROW_AT_THE_END))
                .as("importing a file whose last row of %d has a sku written in Latin-1", WEEK_OF_ROWS)
                .isInstanceOf(CharacterCodingException.class);
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

    @LeakTest
    @DisplayName("closes the file every time it cannot decode it from the first byte, the header's")
    void closesAFileItCannotDecode() {
        LeftoversAssert importing = assertThatRunning(() -> importAsTheJobDoes(UTF16_EXPORT, JOB_RUNS))
                .leavesNoOpenFiles();

        assertThat(importing.thrown()).as("a failure the job does not expect from an import").isNull();
    }

    @LeakTest
    @DisplayName("closes the file every time reading it breaks off part-way through")
    void closesAFileWhoseReadingBreaksOff() {
        LeftoversAssert importing = assertThatRunning(() -> importAsTheJobDoes(LATIN1_ROW_AT_THE_END, JOB_RUNS))
                .leavesNoOpenFiles();

        assertThat(importing.thrown()).as("a failure the job does not expect from an import").isNull();
    }

    @LeakTest
    @DisplayName("closes every file of a run of the job, whatever it holds: orders, nothing, only a header, a bad row")
    void closesEveryFileOfARun() {
        LeftoversAssert running = assertThatRunning(() -> {
            for (int run = 0; run < JOB_RUNS; run++) {
                for (String fileName : List.of(WELL_FORMED, EMPTY, HEADER_ONLY, MALFORMED)) {
                    importAsTheJobDoes(fileName, 1);
                }
            }
        }).leavesNoOpenFiles();

        assertThat(running.thrown()).as("a failure the job does not expect from an import").isNull();
    }

    /**
     * What the import job does with a file, once a minute, until the partner fixes it: a file it
     * rejects, for a malformed row or for bytes that are not UTF-8, stays in the inbox, and the
     * partner is told why. Any other failure ends the loop.
     */
    private void importAsTheJobDoes(String fileName, int runs) throws IOException {
        for (int run = 0; run < runs; run++) {
            try {
                importer.importFile(fileName);
            } catch (MalformedOrderException | CharacterCodingException rejected) {
                // the file stays in the inbox, and the partner is told what to fix
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
