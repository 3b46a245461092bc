package dev.leakproof.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import shark.CloseableHeapGraph;
import shark.HeapAnalysis;
import shark.HeapAnalysisSuccess;
import shark.HeapAnalyzer;
import shark.HeapObject;
import shark.HprofHeapGraph;
import shark.HprofIndex;
import shark.IgnoredReferenceMatcher;
import shark.LeakTrace;
import shark.LeakTraceObject;
import shark.LeakTraceReference;
import shark.MetadataExtractor;
import shark.OnAnalysisProgressListener;
import shark.ReferencePattern;

/**
 * Paths found by Shark in one dump of this JVM, where a map holds one session per kind of key: a
 * key's {@code toString()} cannot run on a dump, so the path shows what the dump holds of the key.
 */
@DisplayName("A retention path read from a heap dump")
class RetentionPathTest {

    static final Map<Object, Session> SESSIONS = new ConcurrentHashMap<>();

    private static HeapDump dump;
    private static CloseableHeapGraph graph;

    record Session(String name) {
    }

    record Seat(String attendee, String room) {
    }

    /** A plain class, as a key often is: its fields, not its toString(), are in the dump. */
    static final class Desk {
        private final String floor;
        private final int number;
        private final Object lamp = new Object();

        Desk(String floor, int number) {
            this.floor = floor;
            this.number = number;
        }

        @Override
        public String toString() {
            return "desk " + number + " on the " + floor + " floor";
        }
    }

    enum Tier { GOLD }

    record Slot(Integer count, Long total, Tier tier, char initial, boolean open, double rate) {
    }

    record Wide(String note, int a, int b, int c, int d) {
    }

    /** Nothing in it can be read as a value. */
    static final class Opaque {
        private final Object state = new Object();
    }

    @BeforeAll
    static void holdOneSessionPerKeyAndDumpTheHeap() throws IOException {
        SESSIONS.put("carol", new Session("by a string"));
        SESSIONS.put(new Seat("alice", "breakout-1"), new Session("by a record"));
        SESSIONS.put(new Desk("3rd", 12), new Session("by a plain class"));
        SESSIONS.put(new Slot(3, 40L, Tier.GOLD, 'a', true, 0.5), new Session("by boxed values"));
        SESSIONS.put(new Wide("a note longer than anyone needs to read in a path", 1, 2, 3, 4),
                new Session("by many fields"));
        SESSIONS.put(new Opaque(), new Session("by nothing readable"));
        SESSIONS.put(Tier.GOLD, new Session("by an enum"));
        SESSIONS.put(42, new Session("by a number"));
        SESSIONS.put(Desk.class, new Session("by a class"));
        dump = HeapDump.ofLiveObjects();
        graph = HprofHeapGraph.Companion.openHeapGraph(dump.file().toFile(), null,
                HprofIndex.Companion.defaultIndexedGcRootTags());
    }

    @AfterAll
    static void deleteTheDump() throws IOException {
        graph.close();
        dump.close();
        SESSIONS.clear();
    }

    @Test
    @DisplayName("shows a map entry by its key: a string quoted, as before")
    void stringKey() {
        assertThat(pathTo("by a string")).contains("ConcurrentHashMap[\"carol\"]");
    }

    @Test
    @DisplayName("shows a record key with its components")
    void recordKey() {
        assertThat(pathTo("by a record"))
                .contains("ConcurrentHashMap[RetentionPathTest$Seat[attendee=\"alice\", room=\"breakout-1\"]]");
    }

    @Test
    @DisplayName("shows a plain class key with its string and primitive fields, other fields by their class")
    void plainClassKey() {
        assertThat(pathTo("by a plain class"))
                .contains("ConcurrentHashMap[RetentionPathTest$Desk[floor=\"3rd\", number=12, lamp=Object]]");
    }

    @Test
    @DisplayName("shows boxed values, enum constants, chars, booleans and doubles in a key by value")
    void valuesByValue() {
        assertThat(pathTo("by boxed values")).contains(
                "ConcurrentHashMap[RetentionPathTest$Slot[count=3, total=40, tier=GOLD, initial='a', …]]");
    }

    @Test
    @DisplayName("keeps a key short: a long string cut, and no more than four fields")
    void keptShort() {
        assertThat(pathTo("by many fields"))
                .contains("ConcurrentHashMap[RetentionPathTest$Wide["
                        + "note=\"a note longer than anyo…\", a=1, b=2, c=3, …]]");
    }

    @Test
    @DisplayName("shows a key by its class and id only when nothing in it is readable")
    void nothingReadable() {
        assertThat(pathTo("by nothing readable"))
                .containsPattern("ConcurrentHashMap\\[RetentionPathTest\\$Opaque @-?\\d+]");
    }

    @Test
    @DisplayName("shows an enum constant, a number and a class as keys as Java writes them")
    void enumNumberAndClassKeys() {
        assertThat(pathTo("by an enum")).contains("ConcurrentHashMap[RetentionPathTest$Tier.GOLD]");
        assertThat(pathTo("by a number")).contains("ConcurrentHashMap[42]");
        assertThat(pathTo("by a class")).contains("ConcurrentHashMap[RetentionPathTest$Desk.class]");
    }

    @Test
    @DisplayName("shows a key as Shark names it when the dump is not at hand")
    void withoutTheDump() {
        assertThat(render(traceTo("by a record"), null))
                .containsPattern("ConcurrentHashMap\\[instance @-?\\d+ of "
                        + "dev\\.leakproof\\.internal\\.RetentionPathTest\\$Seat]");
    }

    @Test
    @DisplayName("shows a variable of kata shell as the shell's, not as a static field of a class JShell made")
    void shellVariable() {
        LeakTraceObject snippet = new LeakTraceObject(LeakTraceObject.ObjectType.CLASS, "REPL.$JShell$19", Set.of(),
                LeakTraceObject.LeakingStatus.UNKNOWN, "", null, null);
        LeakTraceObject session = new LeakTraceObject(LeakTraceObject.ObjectType.INSTANCE, Session.class.getName(),
                Set.of(), LeakTraceObject.LeakingStatus.UNKNOWN, "", null, null);
        LeakTrace trace = new LeakTrace(LeakTrace.GcRootType.STICKY_CLASS, List.of(new LeakTraceReference(
                snippet, LeakTraceReference.ReferenceType.STATIC_FIELD, "REPL.$JShell$19", "alice")), session);

        assertThat(render(trace, graph)).contains("the shell's variable alice").doesNotContain("$JShell$");
    }

    @Test
    @DisplayName("names the object at the end the leaked object, or what the caller asks for while it renders")
    void namesTheObjectAtTheEnd() {
        LeakTrace trace = traceTo("by a string");

        assertThat(render(trace, graph)).contains("= RetentionPathTest$Session (the leaked object)");
        assertThat(RetentionPath.naming("this object", () -> render(trace, graph)))
                .contains("= RetentionPathTest$Session (this object)")
                .doesNotContain("the leaked object");
        assertThat(render(trace, graph)).as("after naming").contains("(the leaked object)");
    }

    private static String pathTo(String session) {
        return render(traceTo(session), graph);
    }

    private static String render(LeakTrace trace, shark.HeapGraph graph) {
        return RetentionPath.render(trace, graph, "dev.leakproof.internal", 1, 0, dump.size());
    }

    /** The shortest strong path to the session of that name, as LeakTracer asks Shark for one. */
    private static LeakTrace traceTo(String session) {
        long id = sessionId(session);
        HeapAnalysis analysis = new HeapAnalyzer(OnAnalysisProgressListener.Companion.getNO_OP())
                .analyze(dump.file().toFile(), graph, g -> Set.of(id),
                        List.of(new IgnoredReferenceMatcher(
                                new ReferencePattern.InstanceFieldPattern("java.lang.ref.Reference", "referent"))),
                        false, List.of(), MetadataExtractor.Companion.getNO_OP());
        assertThat(analysis).isInstanceOf(HeapAnalysisSuccess.class);
        return ((HeapAnalysisSuccess) analysis).getApplicationLeaks().get(0).getLeakTraces().get(0);
    }

    private static long sessionId(String name) {
        HeapObject.HeapClass type = graph.findClassByName(Session.class.getName());
        for (Iterator<HeapObject.HeapInstance> it = type.getInstances().iterator(); it.hasNext(); ) {
            HeapObject.HeapInstance instance = it.next();
            if (name.equals(instance.get(Session.class.getName(), "name").getValue().readAsJavaString())) {
                return instance.getObjectId();
            }
        }
        throw new AssertionError("no session " + name + " in the dump");
    }
}
