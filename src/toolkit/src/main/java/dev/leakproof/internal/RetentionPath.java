package dev.leakproof.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import shark.HeapGraph;
import shark.HeapObject;
import shark.LeakTrace;
import shark.LeakTraceObject;
import shark.LeakTraceReference;
import shark.ReferencePattern;

/**
 * Renders a leak trace one reference per line, the way a learner reads it: static fields by class
 * and name, instance fields by name, map entries by key, array slots, ThreadLocal values with the
 * thread's name. References in the learner's own code are marked; the start of the path inside
 * the JDK and libraries is folded into one line.
 */
final class RetentionPath {

    static final String MARK = "▶";
    static final String THREAD_LABEL = "thread ";

    /** JShell keeps each variable of {@code kata shell} in a static field of a class of this name. */
    private static final String JSHELL_SNIPPET = "REPL.$JShell$";

    /** What the object at the end of a path is called: a leak test's failure knows it leaked, the shell does not. */
    private static final ThreadLocal<String> SUBJECT = ThreadLocal.withInitial(() -> "the leaked object");

    private RetentionPath() {
    }

    /**
     * Runs {@code work}, which renders paths on this thread, with {@code subject} naming the object
     * at their end instead of "the leaked object": "this object" for one the learner holds in the shell.
     */
    static <T> T naming(String subject, Supplier<T> work) {
        String before = SUBJECT.get();
        SUBJECT.set(subject);
        try {
            return work.get();
        } finally {
            SUBJECT.set(before);
        }
    }

    /** A path with its map keys as Shark names them: strings quoted, other objects by class and id. */
    static String render(LeakTrace trace, String yourPackage, int sharedBy, long millis, long dumpBytes) {
        return render(trace, null, yourPackage, sharedBy, millis, dumpBytes);
    }

    /**
     * A path read from {@code graph}, the heap dump it was found in, which lets a map key that is not
     * a string show its fields ({@code Seat[participant="alice", room="breakout-1"]}); {@code null}
     * shows keys as Shark names them.
     */
    static String render(LeakTrace trace, HeapGraph graph, String yourPackage, int sharedBy, long millis,
            long dumpBytes) {
        return render(trace, null, graph, yourPackage, sharedBy, millis, dumpBytes);
    }

    /**
     * The path, followed by {@code other}, a second path that does not go through the first one's
     * {@link #distinctReference}, when there is one: a learner who releases one holder must know of the next.
     */
    static String render(LeakTrace trace, LeakTrace other, HeapGraph graph, String yourPackage, int sharedBy,
            long millis, long dumpBytes) {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        text.append("What holds it, from a GC root (").append(MARK).append(" marks your code):").append(nl);
        appendPath(text, trace, graph, yourPackage, nl);
        LeakTraceObject leaking = trace.getLeakingObject();
        text.append("      = ").append(simpleName(leaking.getClassName()))
                .append(" (").append(SUBJECT.get()).append(')');
        if (sharedBy > 1) {
            text.append(nl).append("      (").append(sharedBy).append(" of the sampled objects are held along this path)");
        }
        if (other != null) {
            text.append(nl).append("It is also held along another path, which a fix must release as well:").append(nl);
            appendPath(text, other, graph, yourPackage, nl);
            text.setLength(text.length() - nl.length());
        }
        text.append(nl).append(String.format(Locale.ROOT, "      (found in %.1f s in a %s heap dump, deleted since)",
                millis / 1000.0, Describe.bytes(dumpBytes)));
        return text.toString();
    }

    /** The root and the references of a path, one per line, the JDK's and libraries' folded. */
    private static void appendPath(StringBuilder text, LeakTrace trace, HeapGraph graph, String yourPackage, String nl) {
        List<Step> steps = steps(trace, graph);
        int firstShown = firstShown(steps, yourPackage);
        text.append("      ").append(root(trace)).append(nl);
        // The references before the learner's code are folded, all but the JDK's holders named in words:
        // those say what keeps the object (a queued task, a pending future's callback), which is the leak.
        int folded = 0;
        for (Step step : steps.subList(0, firstShown)) {
            if (step.holder) {
                text.append(foldedLine(folded, nl)).append("      ").append(step.text).append(nl);
                folded = 0;
            } else {
                folded++;
            }
        }
        text.append(foldedLine(folded, nl));
        for (Step step : steps.subList(firstShown, steps.size())) {
            text.append("    ").append(isYours(step.owner, yourPackage) ? MARK : " ").append(' ')
                    .append(step.text).append(nl);
        }
    }

    /**
     * The field a fix would change on this path, as a pattern another search can avoid: the first
     * reference declared in the learner's code or entering one of the JDK's holders; null when the path
     * has neither (or only array entries, which no pattern names).
     */
    static ReferencePattern distinctReference(LeakTrace trace, HeapGraph graph, String yourPackage) {
        // The learner's own field first: that is what a fix changes. Else the JDK's holder (a queue, a ThreadLocal).
        for (boolean yours : new boolean[] {true, false}) {
            for (LeakTraceReference ref : trace.getReferencePath()) {
                String origin = ref.getOriginObject().getClassName();
                boolean chosen = yours ? isYours(ownerOf(ref), yourPackage)
                        : holder(ref, graph) != null
                                || origin.equals("java.lang.Thread") && ref.getReferenceName().equals("threadLocals");
                if (chosen && ref.getReferenceType() == LeakTraceReference.ReferenceType.STATIC_FIELD) {
                    return new ReferencePattern.StaticFieldPattern(origin, ref.getReferenceName());
                }
                if (chosen && ref.getReferenceType() == LeakTraceReference.ReferenceType.INSTANCE_FIELD) {
                    return new ReferencePattern.InstanceFieldPattern(ref.getOwningClassName(), ref.getReferenceName());
                }
            }
        }
        return null;
    }

    private static String foldedLine(int folded, String nl) {
        return folded == 0 ? "" : "      … " + folded + (folded == 1 ? " reference" : " references")
                + " inside the JDK and libraries" + nl;
    }

    /**
     * One rendered reference and the class whose code declares it; a holder is a place in the JDK that
     * keeps objects on the program's behalf (a queue of tasks, a pending future's callbacks), shown in
     * words and never folded.
     */
    private static final class Step {
        final String text;
        final String owner;
        final boolean holder;

        Step(String text, String owner) {
            this(text, owner, false);
        }

        Step(String text, String owner, boolean holder) {
            this.text = text;
            this.owner = owner;
            this.holder = holder;
        }
    }

    /**
     * The JDK's holders, by the class and field of the reference that enters them: what each keeps, in
     * words. A reference of a subclass's object is matched by the class that declares the field.
     */
    private static final Map<String, String> HOLDERS = Map.of(
            "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.queue",
            "a task waiting in a ScheduledThreadPoolExecutor's queue",
            "java.util.concurrent.ThreadPoolExecutor.workQueue", "a task waiting in a ThreadPoolExecutor's queue",
            "java.util.TaskQueue.queue", "a task waiting in a java.util.Timer's queue",
            "java.util.concurrent.CompletableFuture.stack",
            "a dependent of a pending CompletableFuture: a callback (whenComplete, thenRun, …) waiting for it to complete",
            "java.lang.ApplicationShutdownHooks.hooks", "a shutdown hook, registered with Runtime.addShutdownHook",
            "java.lang.ClassLoader.classes", "a class loaded by ");

    /** The words for a reference that enters one of the JDK's {@link #HOLDERS}, or null. */
    private static String holder(LeakTraceReference ref, HeapGraph graph) {
        String origin = ref.getOriginObject().getClassName();
        if (origin.startsWith("jdk.internal.loader.")) {
            return null; // the JDK's own class loaders keep the application's classes: plumbing, not a leak
        }
        for (String type : classAndSuperclasses(origin, graph)) {
            String declared = type + "." + ref.getReferenceName();
            String words = HOLDERS.get(declared);
            if (words != null) {
                return (words.endsWith(" ") ? words + simpleName(origin) : words)
                        + " (" + simpleName(type) + "." + ref.getReferenceName() + ")";
            }
        }
        return null;
    }

    /** The class and, when the dump is at hand, its superclasses: a field is matched where it is declared. */
    private static List<String> classAndSuperclasses(String className, HeapGraph graph) {
        List<String> names = new ArrayList<>();
        names.add(className);
        HeapObject.HeapClass type = graph == null ? null : graph.findClassByName(className);
        for (HeapObject.HeapClass c = type == null ? null : type.getSuperclass(); c != null; c = c.getSuperclass()) {
            names.add(c.getName());
        }
        return names;
    }

    private static List<Step> steps(LeakTrace trace, HeapGraph graph) {
        List<Step> steps = new ArrayList<>();
        List<LeakTraceReference> path = trace.getReferencePath();
        for (int i = 0; i < path.size(); i++) {
            LeakTraceReference ref = path.get(i);
            String origin = ref.getOriginObject().getClassName();
            // Thread.threadLocals → ThreadLocalMap.table → Entry[][i] → Entry.value: one ThreadLocal value.
            if (origin.equals("java.lang.Thread") && ref.getReferenceName().equals("threadLocals")
                    && i + 3 < path.size() && path.get(i + 3).getReferenceName().equals("value")) {
                steps.add(new Step("a ThreadLocal's value" + threadOf(ref.getOriginObject())
                        + ", never removed (Thread.threadLocals)", origin, true));
                i += 3;
                continue;
            }
            String holder = holder(ref, graph);
            if (holder != null) {
                steps.add(new Step(holder, origin, true));
                continue;
            }
            steps.add(new Step(describe(ref, graph), ownerOf(ref)));
        }
        return steps;
    }

    private static String describe(LeakTraceReference ref, HeapGraph graph) {
        String origin = ref.getOriginObject().getClassName();
        String name = ref.getReferenceName();
        switch (ref.getReferenceType()) {
            case STATIC_FIELD:
                if (origin.startsWith(JSHELL_SNIPPET)) {
                    return "the shell's variable " + name;
                }
                return "static " + simpleName(origin) + "." + name;
            case LOCAL:
                return "a local variable of a running method";
            case ARRAY_ENTRY:
                if (origin.endsWith("[]")) {
                    return simpleName(origin.substring(0, origin.length() - 2)) + "[]" + ref.getReferenceDisplayName();
                }
                // An entry of a collection Shark reads as one: a map's entry is named by its key.
                return simpleName(origin) + "[" + DumpedObject.key(graph, name) + "]";
            default:
                if (name.equals("referent") && isSoftReference(origin, graph)) {
                    return simpleName(origin) + ".referent: softly reachable: a SoftReference is cleared only when "
                            + "the heap is nearly full";
                }
                if (isLambda(origin)) {
                    return "a lambda in " + simpleName(lambdaHost(origin)) + ", capturing " + name;
                }
                if (name.startsWith("this$")) {
                    return simpleName(origin) + "." + name + ": the enclosing instance an inner class keeps";
                }
                return simpleName(origin) + "." + name;
        }
    }

    /** A SoftReference or a subclass of it, as far as the dump (when at hand) tells. */
    private static boolean isSoftReference(String className, HeapGraph graph) {
        if (className.equals("java.lang.ref.SoftReference")) {
            return true;
        }
        HeapObject.HeapClass type = graph == null ? null : graph.findClassByName(className);
        for (HeapObject.HeapClass c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals("java.lang.ref.SoftReference")) {
                return true;
            }
        }
        return false;
    }

    /** " in thread 'name'" when the dump labelled the thread, else nothing. */
    private static String threadOf(LeakTraceObject thread) {
        for (String label : thread.getLabels()) {
            if (label.startsWith(THREAD_LABEL)) {
                return " in " + label;
            }
        }
        return "";
    }

    private static String ownerOf(LeakTraceReference ref) {
        String origin = ref.getOriginObject().getClassName();
        return isLambda(origin) ? lambdaHost(origin) : origin;
    }

    private static String root(LeakTrace trace) {
        LeakTraceObject first = trace.getReferencePath().isEmpty()
                ? trace.getLeakingObject() : trace.getReferencePath().get(0).getOriginObject();
        for (String label : first.getLabels()) {
            if (label.startsWith(THREAD_LABEL)) {
                return "GC root: " + label;
            }
        }
        switch (trace.getGcRootType()) {
            case JNI_GLOBAL:
            case STICKY_CLASS:
                return "GC root: a class loader or class the JVM keeps";
            case JAVA_FRAME:
                return "GC root: a local variable of a running thread";
            case THREAD_OBJECT:
                return "GC root: a live thread";
            default:
                return "GC root: " + trace.getGcRootType().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** Folds the leading references outside the learner's code, when the path reaches it at all. */
    private static int firstShown(List<Step> steps, String yourPackage) {
        for (int i = 0; i < steps.size(); i++) {
            if (isYours(steps.get(i).owner, yourPackage)) {
                return i;
            }
        }
        int jdk = 0;
        while (jdk < steps.size() - 1 && isJdk(steps.get(jdk).owner)) {
            jdk++;
        }
        return jdk == steps.size() - 1 && isJdk(steps.get(jdk).owner) ? 0 : jdk;
    }

    static boolean isYours(String className, String yourPackage) {
        if (className.startsWith("[")) {
            return false; // an array, as the class histogram names it
        }
        if (yourPackage == null || yourPackage.isEmpty()) {
            return !isJdk(className) && !isLibrary(className);
        }
        String packageName = className.contains(".") ? className.substring(0, className.lastIndexOf('.')) : "";
        return packageName.equals(yourPackage) || packageName.startsWith(yourPackage + ".");
    }

    static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("javax.") || className.startsWith("com.sun.");
    }

    static boolean isLibrary(String className) {
        return className.startsWith("org.junit.") || className.startsWith("org.apache.maven.")
                || className.startsWith("org.assertj.") || className.startsWith("kotlin.")
                || className.startsWith("shark.") || className.startsWith("dev.leakproof.internal.");
    }

    private static boolean isLambda(String className) {
        return className.contains("$$Lambda");
    }

    private static String lambdaHost(String className) {
        return className.substring(0, className.indexOf("$$Lambda"));
    }

    /** {@code com.example.Outer$Inner} → {@code Outer$Inner}; arrays keep their brackets. */
    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
