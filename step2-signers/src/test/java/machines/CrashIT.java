package machines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar in a separate JVM, killed with SIGKILL at random moments while inputs flow
 * (signers being created, and fed, and the server fed), and started again on the same data,
 * over and over. Nothing that was reported committed may be
 * lost: after every restart each block any event or HTTP answer named is still there with the
 * same hash, and {@code verify} passes. Runs with Maven Failsafe, after {@code package}.
 */
class CrashIT {
    private static final int KILLS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)/");
    private static final Pattern TOKEN = Pattern.compile("API token ([^:]+):");

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    /** Every block anything reported, by height: its hash as the event or the answer gave it. */
    private final Map<Long, String> reported = new ConcurrentHashMap<>();

    /** A running server: its process, the port it listens on, and its API token. */
    record Running(Process process, int port, String token) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    static String jar() {
        String jar = System.getProperty("jar");
        assertTrue(jar != null && new File(jar).isFile(),
                "run with Maven Failsafe after package, which passes -Djar=<the step's jar>");
        return jar;
    }

    static ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** Starts the server on the data directory and waits until it listens. */
    Running start(Path data, Path log) throws IOException {
        Process process = java("--data", data.toString(), "--port", "0", "--tick-ms", "20",
                "--auto-add", "1").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        String tokenLine = line == null ? null : out.readLine();
        Matcher listening = line == null ? null : LISTENING.matcher(line);
        Matcher token = tokenLine == null ? null : TOKEN.matcher(tokenLine);
        if (listening == null || !listening.find() || token == null || !token.find()) {
            process.destroyForcibly();
            throw new AssertionError("the server did not start: " + line + "\n" + tokenLine);
        }
        Thread drain = new Thread(() -> { // keep reading, or a full pipe would block the server
            try {
                for (String rest; (rest = out.readLine()) != null; ) {
                    Files.writeString(log, rest + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                // the process died: that is the point
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new Running(process, Integer.parseInt(listening.group(1)), token.group(1));
    }

    @Test
    void twentyKillsAtRandomMomentsLoseNoReportedBlock() throws Exception {
        Path data = dir.resolve("data");
        Random random = new Random(20261121);
        for (int kill = 1; kill <= KILLS; kill++) {
            Running server = start(data, dir.resolve("server.log"));
            checkEveryReportedBlock(server);
            AtomicBoolean killed = new AtomicBoolean();
            WebSocket events = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"),
                            new BlockEvents(reported)).join();
            Thread feeder = new Thread(() -> feed(server, random.nextLong(), killed));
            feeder.start();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100 + random.nextInt(1200));
            while (System.nanoTime() < until) {
                recordState(server); // HTTP answers report blocks too
            }
            server.process().destroyForcibly(); // SIGKILL: no shutdown hook, no flush, nothing
            killed.set(true);
            assertTrue(server.process().waitFor(30, TimeUnit.SECONDS));
            feeder.join();
            events.abort();
            assertVerifies(data);
        }
        Running last = start(data, dir.resolve("server.log"));
        try {
            long height = checkEveryReportedBlock(last);
            assertTrue(height >= reported.keySet().stream().mapToLong(Long::longValue).max()
                    .orElse(0), "the chain went backwards");
            assertTrue(reported.size() > KILLS, "too few blocks reported to prove anything: "
                    + reported.size());
            JsonNode state = JSON.readTree(http.send(HttpRequest.newBuilder(last.uri("/api/state"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertTrue(state.get("signers").size() > KILLS, "signers were created throughout: "
                    + state.get("signers").size());
        } finally {
            last.process().destroyForcibly().waitFor();
        }
        assertVerifies(data);
    }

    /** Posts inputs until the server dies under it: new signers, adds for them and the server. */
    private void feed(Running server, long seed, AtomicBoolean killed) {
        Random random = new Random(seed);
        List<Id> signers = new ArrayList<>();
        while (!killed.get()) {
            byte[] input;
            int choice = random.nextInt(10);
            if (choice == 0 || signers.isEmpty()) {
                byte[] id = new byte[Id.LENGTH];
                random.nextBytes(id);
                signers.add(Id.of(id));
                input = AdmissionTest.create(Id.of(id));
            } else if (choice < 7) {
                input = AdmissionTest.toSigner(signers.get(random.nextInt(signers.size())),
                        new Tx.Add(1 + random.nextInt(1000)));
            } else {
                input = AdmissionTest.input(new Tx.Add(1 + random.nextInt(1000)));
            }
            try {
                // an input for a signer not created yet is refused (400): that is fine here
                http.send(HttpRequest.newBuilder(server.uri("/api/inputs"))
                        .header("Authorization", "Bearer " + server.token())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(input)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                return; // killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void recordState(Running server) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(server.uri("/api/state")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode state = JSON.readTree(response.body());
            if (state.get("height").asLong() > 0) {
                reported.put(state.get("height").asLong(), state.get("blockHash").asText());
            }
        } catch (IOException e) {
            // the server is being killed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every block reported so far is still there, with the same hash; returns the height. */
    private long checkEveryReportedBlock(Running server) throws Exception {
        long height = JSON.readTree(http.send(HttpRequest.newBuilder(server.uri("/api/state"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).get("height").asLong();
        for (Map.Entry<Long, String> block : new TreeMap<>(reported).entrySet()) {
            assertTrue(block.getKey() <= height, "block " + block.getKey()
                    + " was reported, but the chain restarted at " + height);
            HttpResponse<String> stored = http.send(HttpRequest.newBuilder(
                    server.uri("/api/blocks/" + block.getKey())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, stored.statusCode(), stored.body());
            assertEquals(block.getValue(), JSON.readTree(stored.body()).get("blockHash").asText(),
                    "block " + block.getKey() + " changed its hash");
        }
        return height;
    }

    private static void assertVerifies(Path data) throws Exception {
        Process verify = java("verify", "--data", data.toString()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, verify.exitValue(), output);
        assertTrue(output.startsWith("verify: ok: "), output);
    }

    @Test
    void aSecondProcessOnTheSameDataGetsAClearErrorAndTheFirstGoesOn() throws Exception {
        Path data = dir.resolve("data");
        Running first = start(data, dir.resolve("first.log"));
        try {
            Process second = java("--data", data.toString(), "--port", "0")
                    .redirectErrorStream(true).start();
            String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, second.exitValue());
            assertEquals("step2-signers: " + data + " is in use by another process (LevelDB's LOCK"
                    + " file is held)\n", output);
            assertTrue(first.process().isAlive());
            recordState(first);
            assertTrue(checkEveryReportedBlock(first) >= 0);
        } finally {
            first.process().destroy();
            first.process().waitFor(30, TimeUnit.SECONDS);
        }
        assertVerifies(data);
    }

    @Test
    void aDamagedDatabaseStopsStartUpWithAClearMessageAndNoStackTrace() throws Exception {
        Path data = dir.resolve("data");
        Chains.build(data, 3);
        Chains.edit(data, db -> db.delete(db.get(Storage.indexKey(3))));
        Process server = java("--data", data.toString(), "--port", "0")
                .redirectErrorStream(true).start();
        String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(server.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, server.exitValue());
        assertTrue(output.startsWith("step2-signers: " + data + " is damaged: the root names block"),
                output);
        assertTrue(!output.contains("\tat "), "no stack trace: " + output);

        Process verify = java("verify", "--data", data.toString()).redirectErrorStream(true).start();
        String report = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, verify.exitValue());
        assertTrue(report.startsWith("verify: FAILED at height 3: the index points to "), report);
    }

    /** Records the height and hash of every block event. */
    static final class BlockEvents implements WebSocket.Listener {
        private final Map<Long, String> reported;
        private final StringBuilder frame = new StringBuilder();

        BlockEvents(Map<Long, String> reported) {
            this.reported = reported;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                try {
                    JsonNode event = JSON.readTree(frame.toString());
                    if (event.get("type").asText().equals("block")) {
                        reported.put(event.get("height").asLong(), event.get("blockHash").asText());
                    }
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + frame, e);
                }
                frame.setLength(0);
            }
            socket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
