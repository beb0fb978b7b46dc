package io.meridian.fedctl.output;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * What the output goes to: a terminal gets colour and redrawn progress; a pipe or a file gets plain
 * text, one change per line. Colour also stays off under {@code NO_COLOR} or {@code TERM=dumb}.
 */
public final class Terminal {

    private static final String RESET = "\u001b[0m";

    private final boolean interactive;
    private final boolean colour;

    private Terminal(boolean interactive, boolean colour) {
        this.interactive = interactive;
        this.colour = colour;
    }

    /** The terminal of this process's standard output, if it is one. */
    public static Terminal detect() {
        boolean tty = isTerminal(System.console());
        String term = System.getenv("TERM");
        boolean dumb = term == null || term.equals("dumb");
        return new Terminal(tty && !dumb, tty && !dumb && System.getenv("NO_COLOR") == null);
    }

    /** Plain text: no colour, no redrawing. */
    public static Terminal plain() {
        return new Terminal(false, false);
    }

    /** A terminal with colour, for tests of what people see. */
    public static Terminal colourful() {
        return new Terminal(true, true);
    }

    /** Whether output can be redrawn in place. */
    public boolean interactive() {
        return interactive;
    }

    /** {@code text} in the colour of {@code style}, when colour is on. */
    public String paint(String text, Style style) {
        if (!colour || style == Style.PLAIN || text.isEmpty()) {
            return text;
        }
        String code = switch (style) {
            case GOOD -> "\u001b[32m";
            case BAD -> "\u001b[31m";
            case WARN -> "\u001b[33m";
            case HEADER -> "\u001b[1m";
            case DIM -> "\u001b[2m";
            case PLAIN -> "";
        };
        return code + text + RESET;
    }

    /** Moves the cursor up {@code lines} lines and clears from there down, to redraw a block. */
    public String rewind(int lines) {
        if (!interactive || lines == 0) {
            return "";
        }
        return "\u001b[" + lines + "F\u001b[J";
    }

    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        // Since JDK 22 a Console exists even when output is redirected; isTerminal() tells.
        try {
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
