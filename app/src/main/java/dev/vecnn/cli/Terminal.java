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
        String told = System.getProperty(TERMINAL);
        if (told != null) { // the launcher tested the streams themselves
            return told.contains("stdout");
        }
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
     * The {@code vecnn} launcher's word on which streams are a terminal: "stdout", "stderr",
     * "stdout,stderr" or empty ({@code -Dvecnn.terminal}); Java itself cannot tell about stderr.
     */
    static final String TERMINAL = "vecnn.terminal";

    /** True when the launcher saw stderr on a terminal (then the bar can go there while stdout is piped). */
    static boolean stderrAttached() {
        String told = System.getProperty(TERMINAL);
        return told != null && told.contains("stderr");
    }

    /**
     * Resolves a --progress choice: "bar", "plain" or "auto" (a bar when stdout is a terminal, or
     * else stderr: the commands draw it on stdout when that is the terminal, else on stderr).
     */
    static boolean useBar(String choice) {
        switch (choice) {
            case "bar":
                return true;
            case "plain":
                return false;
            default:
                return attached() || stderrAttached();
        }
    }
}
