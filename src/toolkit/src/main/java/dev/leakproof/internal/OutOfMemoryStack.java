package dev.leakproof.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import shark.CloseableHeapGraph;
import shark.GcRoot;
import shark.HeapObject;
import shark.HprofHeader;
import shark.HprofHeapGraph;
import shark.HprofIndex;
import shark.HprofRecord;
import shark.HprofRecordTag;
import shark.StreamingHprofReader;

/**
 * Where a JVM ran out of heap, read from the dump it wrote at that moment
 * ({@code -XX:+HeapDumpOnOutOfMemoryError}): the stack of the thread that could not allocate
 * (HotSpot tops it with a frame of {@code OutOfMemoryError.<init>}) and of every other thread that
 * was running your code. When one big allocation fails, the first says it all; when the heap fills
 * little by little, any thread may be the one that fails, and the thread that was filling it is
 * among the others.
 */
public final class OutOfMemoryStack {

    /** Frames shown from the top of the thread that ran out: where it allocated. */
    private static final int TOP_FRAMES = 5;

    private OutOfMemoryStack() {
    }

    /** A frame as a stack trace prints it; {@code line} as HPROF gives it (-3: a native method). */
    private record Frame(String className, String method, String sourceFile, int line) {
        @Override
        public String toString() {
            String file = sourceFile.isEmpty() ? "Unknown Source" : sourceFile;
            return className + "." + method + "(" + (line == -3 ? "Native Method" : line > 0 ? file + ":" + line : file) + ")";
        }
    }

    /** A thread's name and frames, top first, and how many of them the text shows so far. */
    private static final class Stack {
        final String thread;
        final List<Frame> frames;
        int shown;

        Stack(String thread, List<Frame> frames) {
            this.thread = thread;
            this.frames = frames;
        }

        /** The first frame of your code, or -1. */
        int firstYours(String driver) {
            for (int i = 0; i < frames.size(); i++) {
                if (isYours(frames.get(i).className(), driver)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Your code: not the JDK's or a library's, nor the test's class that the forked JVM runs, nor a lambda's. */
    private static boolean isYours(String className, String driver) {
        return LeakTracer.isYours(className) && !className.equals(driver) && !className.startsWith(driver + "$")
                && !className.contains("$$Lambda");
    }

    /**
     * The stacks, a frame a line, frames of your code marked ({@code driver}, the class the forked
     * JVM runs, is the test's, not yours); empty when the dump shows no thread
     * that ran out (or cannot be read: the assertion's verdict never depends on it).
     */
    public static String describe(Path dump, String driver) {
        try {
            if (!Files.isRegularFile(dump) || Files.size(dump) == 0) {
                return "";
            }
            return render(stacks(dump.toFile()), driver);
        } catch (Exception e) {
            return "";
        }
    }

    /** Every thread's stack, the one that ran out first (without HotSpot's added frame); empty if none ran out. */
    private static List<Stack> stacks(File dump) throws Exception {
        Map<Long, String> strings = new HashMap<>();
        Map<Integer, Long> classNames = new HashMap<>();
        Map<Long, HprofRecord.StackFrameRecord> frames = new HashMap<>();
        List<HprofRecord.StackTraceRecord> traces = new ArrayList<>();
        StreamingHprofReader.Companion.readerFor(dump, HprofHeader.Companion.parseHeaderOf(dump)).readRecords(
                EnumSet.of(HprofRecordTag.STRING_IN_UTF8, HprofRecordTag.LOAD_CLASS, HprofRecordTag.STACK_FRAME,
                        HprofRecordTag.STACK_TRACE),
                (tag, length, reader) -> {
                    switch (tag) {
                        case STRING_IN_UTF8:
                            HprofRecord.StringRecord string = reader.readStringRecord(length);
                            strings.put(string.getId(), string.getString());
                            break;
                        case LOAD_CLASS:
                            HprofRecord.LoadClassRecord loaded = reader.readLoadClassRecord();
                            classNames.put(loaded.getClassSerialNumber(), loaded.getClassNameStringId());
                            break;
                        case STACK_FRAME:
                            HprofRecord.StackFrameRecord frame = reader.readStackFrameRecord();
                            frames.put(frame.getId(), frame);
                            break;
                        default:
                            traces.add(reader.readStackTraceRecord());
                    }
                });
        Map<Integer, String> threadNames = threadNames(dump);
        List<Stack> stacks = new ArrayList<>();
        boolean ranOut = false;
        for (HprofRecord.StackTraceRecord trace : traces) {
            List<Frame> described = new ArrayList<>();
            for (long id : trace.getStackFrameIds()) {
                HprofRecord.StackFrameRecord frame = frames.get(id);
                if (frame != null) {
                    String className = strings.getOrDefault(classNames.get(frame.getClassSerialNumber()), "?");
                    described.add(new Frame(className.replace('/', '.'),
                            strings.getOrDefault(frame.getMethodNameStringId(), "?"),
                            strings.getOrDefault(frame.getSourceFileNameStringId(), ""), frame.getLineNumber()));
                }
            }
            String name = threadNames.getOrDefault(trace.getThreadSerialNumber(), "#" + trace.getThreadSerialNumber());
            if (!described.isEmpty() && described.get(0).className().equals(OutOfMemoryError.class.getName())
                    && described.get(0).method().equals("<init>")) {
                stacks.add(0, new Stack(name, described.subList(1, described.size())));
                ranOut = true;
            } else if (!described.isEmpty()) {
                stacks.add(new Stack(name, described));
            }
        }
        return ranOut ? stacks : List.of();
    }

    /** Thread serial number (as the stack traces name threads) to the thread's name. */
    private static Map<Integer, String> threadNames(File dump) throws Exception {
        Map<Integer, String> names = new HashMap<>();
        try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(dump, null,
                HprofIndex.Companion.defaultIndexedGcRootTags())) {
            for (GcRoot root : graph.getGcRoots()) {
                if (root instanceof GcRoot.ThreadObject) {
                    GcRoot.ThreadObject thread = (GcRoot.ThreadObject) root;
                    HeapObject object = graph.findObjectByIdOrNull(thread.getId());
                    if (object instanceof HeapObject.HeapInstance) {
                        var name = ((HeapObject.HeapInstance) object).get("java.lang.Thread", "name");
                        String text = name == null ? null : name.getValue().readAsJavaString();
                        if (text != null) {
                            names.put(thread.getThreadSerialNumber(), text);
                        }
                    }
                }
            }
        }
        return names;
    }

    private static String render(List<Stack> stacks, String driver) {
        if (stacks.isEmpty()) {
            return "";
        }
        String line = System.lineSeparator();
        StringBuilder text = new StringBuilder("Where the heap ran out (from the dump the forked JVM wrote then; "
                + "▶ marks your code):");
        Stack ranOut = stacks.get(0);
        text.append(line).append("  the thread '").append(ranOut.thread).append("' could not allocate, at");
        int top = Math.min(TOP_FRAMES, ranOut.frames.size());
        frames(text, ranOut, 0, top, driver);
        int yours = ranOut.firstYours(driver);
        if (yours >= top) {
            frames(text, ranOut, Math.max(top, yours - 1), yours + 1, driver);
        }
        for (Stack other : stacks.subList(1, stacks.size())) {
            int first = other.firstYours(driver);
            if (first >= 0) {
                text.append(line).append("  while the thread '").append(other.thread).append("' ran your code, at");
                frames(text, other, Math.max(0, first - 1), first + 1, driver);
            }
        }
        return text.toString();
    }

    /** Frames {@code from} (inclusive) to {@code to}, and a line for those skipped before. */
    private static void frames(StringBuilder text, Stack stack, int from, int to, String driver) {
        String line = System.lineSeparator();
        int skippedBefore = from - stack.shown;
        if (skippedBefore > 0) {
            text.append(line).append("      … ").append(skippedBefore).append(skippedBefore == 1 ? " frame" : " frames");
        }
        for (Frame frame : stack.frames.subList(from, to)) {
            text.append(line).append(isYours(frame.className(), driver) ? "    ▶ " : "      ").append(frame);
        }
        stack.shown = to;
    }
}
