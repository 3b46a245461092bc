package dev.leakproof.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * Entry point of a forked JVM: runs a class's {@code main} method, or a {@link Runnable} made with
 * its no-argument constructor. Errors that the JDK's HTTP server would swallow are printed (see
 * {@link SwallowedErrors}).
 */
public final class ForkedMain {

    private ForkedMain() {
    }

    public static void main(String[] args) throws Throwable {
        SwallowedErrors.print();
        Class<?> target = Class.forName(args[0]);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            Method main = target.getMethod("main", String[].class);
            if (Modifier.isStatic(main.getModifiers())) {
                main.invoke(null, (Object) rest);
                return;
            }
        } catch (NoSuchMethodException e) {
            // not a main class: try Runnable below
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (!Runnable.class.isAssignableFrom(target)) {
            throw new IllegalArgumentException(target.getName() + " has neither a static main(String[]) nor implements Runnable");
        }
        var constructor = target.getDeclaredConstructor();
        constructor.setAccessible(true);
        try {
            ((Runnable) constructor.newInstance()).run();
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
