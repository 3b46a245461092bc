package dev.leakproof.kata;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jar's entry point ({@code java -jar leakproof-runner.jar}): puts the runner's libraries, listed
 * in {@code runner-classpath.txt} beside the jar at build time, on a class loader, and starts
 * {@link Main}. Only JDK classes here: the libraries are not on the class path yet.
 */
public final class Boot {

    private Boot() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(Boot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
            System.err.println("kata: cannot read " + list + " (" + e.getMessage() + "); rebuild the runner: mvn install -DskipTests");
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
}
