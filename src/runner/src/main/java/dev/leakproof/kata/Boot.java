package dev.leakproof.kata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The jar's entry point ({@code java -jar leakproof-runner.jar}, what {@code kata} and
 * {@code kata.cmd} start). When the workbook's own code (the toolkit, the check, the runner) is
 * newer than the jar, after a pull or an edit, it rebuilds them with Maven and starts the fresh
 * jar; else it puts the runner's libraries, listed in {@code runner-classpath.txt} beside the jar
 * at build time, on a class loader and starts {@link Main}. Only JDK classes here: the libraries
 * are not on the class path yet.
 */
public final class Boot {

    /** Set on the JVM started after a rebuild, so that it never rebuilds again. */
    private static final String REBUILT = "kata.rebuilt";

    private Boot() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(Boot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String root = System.getProperty("kata.root");
        if (root != null && !Boolean.getBoolean(REBUILT)) {
            Optional<Path> newer = newerThan(jar, Path.of(root));
            if (newer.isPresent()) {
                System.exit(rebuildAndRestart(jar, Path.of(root), newer.get(), args));
            }
        }
        Path list = jar.resolveSibling("runner-classpath.txt");
        List<URL> urls = new ArrayList<>();
        urls.add(jar.toUri().toURL());
        try {
            for (String entry : Files.readString(list, StandardCharsets.UTF_8).strip().split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
        } catch (IOException e) {
            System.err.println("kata: cannot read " + list + " (" + e.getMessage() + "); rebuild the runner: mvn install -Dmaven.test.skip=true");
            System.exit(2);
        }
        URLClassLoader loader = new URLClassLoader("kata", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        try {
            loader.loadClass(Main.class.getName()).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    /** A file of the workbook's own code (its poms and main sources) newer than {@code jar}, if any. */
    static Optional<Path> newerThan(Path jar, Path root) {
        List<Path> code = new ArrayList<>(List.of(root.resolve("pom.xml")));
        for (String module : List.of("toolkit", "check", "runner")) {
            code.add(root.resolve("src").resolve(module).resolve("pom.xml"));
            code.add(root.resolve("src").resolve(module).resolve("src").resolve("main"));
        }
        try {
            FileTime built = Files.getLastModifiedTime(jar);
            for (Path start : code) {
                if (!Files.exists(start)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(start)) {
                    Optional<Path> newer = files.filter(Files::isRegularFile)
                            .filter(file -> modified(file).compareTo(built) > 0).findFirst();
                    if (newer.isPresent()) {
                        return newer;
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // cannot tell: run the jar as it is
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rebuilds with Maven, then runs the fresh jar with the same options and arguments; its exit code. */
    private static int rebuildAndRestart(Path jar, Path root, Path newer, String[] args)
            throws IOException, InterruptedException {
        System.err.println("kata: " + root.relativize(newer) + " is newer than the runner: rebuilding it and the "
                + "toolkit (mvn install -Dmaven.test.skip=true)…");
        String mvn = System.getProperty("kata.mvn", "mvn");
        Process build = new ProcessBuilder(mvn, "-q", "-B", "-ntp", "-Dstyle.color=never", "install", "-Dmaven.test.skip=true")
                .directory(root.toFile()).inheritIO().start();
        if (build.waitFor() != 0) {
            System.err.println("kata: the build failed (see above). Fix it, or bring the workbook's code back with "
                    + "git; the build needs a JDK 17 or newer and Maven 3.8 or newer.");
            return 2;
        }
        // Maven leaves an up-to-date jar as it was: mark it built now, as the sources it was checked against.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis()));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-D" + REBUILT + "=true");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
