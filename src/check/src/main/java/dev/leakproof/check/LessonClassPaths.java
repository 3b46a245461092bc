package dev.leakproof.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Each lesson's test class path, exactly as {@code mvn test} in the lesson would build it.
 *
 * <p>Lessons are Maven projects of their own, with dependencies of their own (a database, a
 * logging backend). One Maven run over a generated aggregator of all lessons writes every class
 * path to {@code target/leakproof/test-classpath.txt} in the lesson, where the runner finds it too.
 */
public final class LessonClassPaths {

    public static final String CLASSPATH_FILE = "target/leakproof/test-classpath.txt";

    private final Path mavenCommand;
    private final Path workDir;
    private final String localRepository;

    /**
     * @param mavenCommand the {@code mvn} launcher to run
     * @param workDir      where the generated aggregator and Maven's log are written
     */
    public LessonClassPaths(Path mavenCommand, Path workDir) {
        this(mavenCommand, workDir, "");
    }

    private LessonClassPaths(Path mavenCommand, Path workDir, String localRepository) {
        this.mavenCommand = mavenCommand;
        this.workDir = workDir;
        this.localRepository = localRepository;
    }

    /**
     * These class paths, resolved from {@code repository}, the local repository of the build that asks
     * (its {@code -Dmaven.repo.local}), rather than from Maven's default one: else a build with a
     * repository of its own would test the lessons against another build's toolkit.
     */
    public LessonClassPaths withLocalRepository(String repository) {
        return new LessonClassPaths(mavenCommand, workDir, repository == null ? "" : repository);
    }

    /** Resolves the class paths of {@code lessons}: lesson to class path entries. */
    public Map<Lesson, List<Path>> resolve(List<Lesson> lessons) {
        if (lessons.isEmpty()) {
            return Map.of();
        }
        try {
            Files.createDirectories(workDir);
            Path aggregator = workDir.resolve("lessons-pom.xml");
            Files.writeString(aggregator, aggregatorPom(lessons), StandardCharsets.UTF_8);
            Path log = workDir.resolve("maven-classpath.log");
            // Offline first: usually everything is in the local repository already, and that is quick.
            if (runMaven(aggregator, log, true) != 0 && runMaven(aggregator, log, false) != 0) {
                throw new IllegalStateException("Maven could not resolve the lessons' class paths:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            Map<Lesson, List<Path>> paths = new LinkedHashMap<>();
            for (Lesson lesson : lessons) {
                paths.put(lesson, read(lesson));
            }
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the lessons' class paths", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving the lessons' class paths", e);
        }
    }

    private int runMaven(Path aggregator, Path log, boolean offline) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(mavenCommand.toString(), "-B", "-q", "-f",
                aggregator.toString(), "dependency:build-classpath",
                "-Dmdep.outputFile=" + CLASSPATH_FILE, "-Dmdep.includeScope=test"));
        if (offline) {
            command.add("-o");
        }
        if (!localRepository.isBlank()) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        Process maven = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .start();
        if (!maven.waitFor(10, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
            throw new IllegalStateException("Maven took over 10 minutes to resolve the lessons' class paths; see " + log);
        }
        return maven.exitValue();
    }

    /** The class path written by an earlier resolution. */
    public static List<Path> read(Lesson lesson) throws IOException {
        String text = Files.readString(lesson.dir().resolve(CLASSPATH_FILE), StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text.split(java.io.File.pathSeparator)).map(Path::of).collect(Collectors.toList());
    }

    private String aggregatorPom(List<Lesson> lessons) {
        String modules = lessons.stream()
                .map(lesson -> "    <module>" + workDir.relativize(lesson.dir()) + "</module>")
                .collect(Collectors.joining("\n"));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!-- Generated by the four-way check: all lessons, to resolve their class paths in one run. -->\n"
                + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>dev.leakproof.generated</groupId>\n"
                + "  <artifactId>all-lessons</artifactId>\n"
                + "  <version>1</version>\n"
                + "  <packaging>pom</packaging>\n"
                + "  <modules>\n" + modules + "\n  </modules>\n"
                + "</project>\n";
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
