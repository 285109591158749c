package machines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command line as a user meets it: a real JVM, its exit code and what it prints. */
class CommandLineTest {
    record Result(int exit, String out, String err) {}

    static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp", System.getProperty("java.class.path"), "machines.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 60 s: " + command);
        }
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aBadValueExitsNonZeroWithTheReasonAndTheUsageLine() throws Exception {
        Result result = run("--tick-ms", "fast");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("--tick-ms must be a whole number"), result.err());
        assertTrue(result.err().contains(Options.USAGE), result.err());
    }

    @Test
    void anUnknownOptionExitsNonZeroWithTheUsageLine() throws Exception {
        Result result = run("--verbose");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("unknown option --verbose"), result.err());
        assertTrue(result.err().contains("usage: "), result.err());
    }

    @Test
    void aPortInUseExitsWithAClearMessageAndNoStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Result result = run("--port", String.valueOf(taken.getLocalPort()));
            assertEquals(1, result.exit());
            assertTrue(result.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                    result.err());
            assertTrue(!result.err().contains("\tat "), "no stack trace: " + result.err());
        }
    }
}
