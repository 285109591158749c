package machines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void hasTheDefaultsOfTheContract() throws Exception {
        Options options = Options.parse();
        assertEquals("run", options.command());
        assertEquals("127.0.0.1", options.host());
        assertEquals(Options.DEFAULT_PORT, options.port());
        assertEquals(100, options.tickMs());
        assertEquals(1, options.autoAdd());
        assertEquals(Path.of("data", "step2-signers"), options.data());
        assertTrue(options.sync());
        assertEquals(null, options.token()); // a random one, made at start-up
    }

    @Test
    void readsEveryOptionInEitherForm() throws Exception {
        Options options = Options.parse("bench", "--host", "0.0.0.0", "--port=8080",
                "--tick-ms", "50", "--auto-add", "0", "--data", "/tmp/x", "--sync", "false",
                "--token", "abc.DEF_1-2~");
        assertEquals(new Options("bench", "0.0.0.0", 8080, Path.of("/tmp/x"), 50, 0, false,
                "abc.DEF_1-2~"), options);
        assertEquals("verify", Options.parse("verify", "--data", "d").command());
    }

    @Test
    void rejectsUnknownOptionsAndBadValuesSayingWhich() {
        assertEquals("unknown option --colour",
                assertThrows(Options.UsageError.class, () -> Options.parse("--colour", "red")).getMessage());
        assertEquals("--port must be a whole number from 0 to 65535, got 'x'",
                assertThrows(Options.UsageError.class, () -> Options.parse("--port", "x")).getMessage());
        assertEquals("--tick-ms must be a whole number from 1 to 60000, got '0'",
                assertThrows(Options.UsageError.class, () -> Options.parse("--tick-ms", "0")).getMessage());
        assertEquals("--auto-add must be a whole number from 0 to 9223372036854775807, got '-1'",
                assertThrows(Options.UsageError.class, () -> Options.parse("--auto-add=-1")).getMessage());
        assertEquals("option --port needs a value",
                assertThrows(Options.UsageError.class, () -> Options.parse("--port")).getMessage());
        assertEquals("unknown command 'serve'",
                assertThrows(Options.UsageError.class, () -> Options.parse("serve")).getMessage());
        assertEquals("--sync must be true or false, got 'yes'",
                assertThrows(Options.UsageError.class, () -> Options.parse("--sync", "yes")).getMessage());
        assertEquals("--token must be 1 to 256 of the characters A-Z a-z 0-9 . _ ~ -",
                assertThrows(Options.UsageError.class, () -> Options.parse("--token", "a b")).getMessage());
        assertEquals("unexpected argument 'x'",
                assertThrows(Options.UsageError.class, () -> Options.parse("--port", "1", "x")).getMessage());
    }
}
