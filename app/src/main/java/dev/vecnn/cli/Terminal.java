package dev.vecnn.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the command talks to a person at a terminal (progress bar) or to a pipe/CI (plain log). */
final class Terminal {
    private Terminal() {}

    /**
     * True when standard input and output are a terminal: {@code System.console() != null} on
     * JDK 17–21; on JDK 22+, where {@code System.console()} is never null, its {@code isTerminal()}.
     */
    static boolean attached() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(c);
        } catch (NoSuchMethodException e) {
            return true; // JDK < 22: a console exists only when attached to a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * True when the {@code vecnn} launcher found standard error to be a terminal
     * ({@code -Dvecnn.stderrTerminal=true}, from {@code [ -t 2 ]}): Java itself cannot tell,
     * and a progress bar on stderr is wanted even when stdout is piped ({@code vecnn predict … > out}).
     */
    static boolean stderrIsTerminal() {
        return Boolean.getBoolean("vecnn.stderrTerminal");
    }

    /** Resolves a --progress choice: "bar", "plain" or "auto" (bar only on a terminal). */
    static boolean useBar(String choice) {
        switch (choice) {
            case "bar":
                return true;
            case "plain":
                return false;
            default:
                return attached();
        }
    }
}
