package machines;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command line (SPEC section 6): an optional subcommand, then {@code --name value} options.
 * Anything else is a {@link UsageError}, which {@link Main} prints with the usage line.
 *
 * <p>Written by hand rather than with a library: eight options fit on one screen, and the
 * reader sees every rule.
 */
public record Options(String command, String host, int port, Path data, long tickMs,
        long autoAdd, boolean sync, String token) {
    public static final String STEP = "step2-signers";
    public static final int DEFAULT_PORT = 7072;
    public static final String USAGE = "usage: java -jar " + STEP + ".jar [bench | verify]"
            + " [--host ADDRESS] [--port N] [--data DIR] [--tick-ms N] [--auto-add N]"
            + " [--sync true|false] [--token TOKEN]";
    /** A token travels in URLs (the visualizer's link), so it keeps to URL-safe characters. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{1,256}");

    private static final List<String> COMMANDS = List.of("bench", "verify");
    private static final List<String> NAMES =
            List.of("host", "port", "data", "tick-ms", "auto-add", "sync", "token");

    /** A command line that does not parse; the message says which part and why. */
    public static final class UsageError extends Exception {
        public UsageError(String message) {
            super(message);
        }
    }

    public static Options defaults() {
        return new Options("run", "127.0.0.1", DEFAULT_PORT, Path.of("data", STEP), 100, 1, true,
                null);
    }

    public static Options parse(String... args) throws UsageError {
        Options options = defaults();
        int i = 0;
        if (args.length > 0 && !args[0].startsWith("-")) {
            if (!COMMANDS.contains(args[0])) {
                throw new UsageError("unknown command '" + args[0] + "'");
            }
            options = options.with("command", args[0]);
            i = 1;
        }
        for (; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageError("unexpected argument '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(2, equals) : arg.substring(2);
            if (!NAMES.contains(name)) {
                throw new UsageError("unknown option --" + name);
            }
            String value;
            if (equals > 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageError("option --" + name + " needs a value");
            }
            options = options.with(name, value);
        }
        return options;
    }

    private Options with(String name, String value) throws UsageError {
        switch (name) {
            case "command":
                return new Options(value, host, port, data, tickMs, autoAdd, sync, token);
            case "host":
                return new Options(command, text(name, value), port, data, tickMs, autoAdd, sync,
                        token);
            case "port":
                return new Options(command, host, (int) number(name, value, 0, 65535), data,
                        tickMs, autoAdd, sync, token);
            case "data":
                return new Options(command, host, port, Path.of(text(name, value)), tickMs,
                        autoAdd, sync, token);
            case "tick-ms":
                return new Options(command, host, port, data, number(name, value, 1, 60_000),
                        autoAdd, sync, token);
            case "auto-add":
                return new Options(command, host, port, data, tickMs,
                        number(name, value, 0, Long.MAX_VALUE), sync, token);
            case "sync":
                return new Options(command, host, port, data, tickMs, autoAdd,
                        bool(name, value), token);
            case "token":
                if (!TOKEN.matcher(value).matches()) {
                    throw new UsageError("--token must be 1 to 256 of the characters A-Z a-z"
                            + " 0-9 . _ ~ -");
                }
                return new Options(command, host, port, data, tickMs, autoAdd, sync, value);
            default:
                throw new UsageError("unknown option --" + name);
        }
    }

    private static String text(String name, String value) throws UsageError {
        if (value.isBlank()) {
            throw new UsageError("--" + name + " must not be empty");
        }
        return value;
    }

    private static long number(String name, String value, long min, long max) throws UsageError {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says it all
        }
        throw new UsageError("--" + name + " must be a whole number from " + min + " to " + max
                + ", got '" + value + "'");
    }

    private static boolean bool(String name, String value) throws UsageError {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new UsageError("--" + name + " must be true or false, got '" + value + "'");
    }
}
