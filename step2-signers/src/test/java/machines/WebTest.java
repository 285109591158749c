package machines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP and WebSocket contract of SPEC section 6, with ticks driven by the test. */
class WebTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String TOKEN = "s3cret-token";

    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private Storage storage;
    private Proposer proposer;
    private Web web;

    @BeforeEach
    void start() {
        storage = Chains.fresh(dir);
        proposer = new Proposer(storage, 0, Fanout.sequential());
        web = new Web(proposer, storage, TOKEN).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        web.close();
        storage.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + web.port() + path);
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return post(body, "Bearer " + TOKEN);
    }

    /** Posts an input with this Authorization header (null: none). */
    private HttpResponse<String> post(byte[] body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/inputs"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private WebSocket socket(String query, Frames frames) {
        return http.newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + web.port() + "/ws" + query), frames).join();
    }

    private JsonNode get(String path) throws Exception {
        return get(path, 200);
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void servesTheVisualizerAtTheRoot() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().toLowerCase().startsWith("<!doctype html"), page.body());
    }

    @Test
    void acceptsAnInputWith202AndItsHashThenShowsItInTheState() throws Exception {
        byte[] input = AdmissionTest.input(new Tx.Add(5));
        HttpResponse<String> response = post(input);
        assertEquals(202, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertTrue(body.get("accepted").asBoolean());
        assertEquals(Hex.of(Keccak.hash(input)), body.get("hash").asText());

        assertEquals(0, get("/api/state").get("height").asLong());
        Tick tick = proposer.tick(1).orElseThrow();
        JsonNode state = get("/api/state");
        assertEquals(1, state.get("height").asLong());
        assertEquals("5", state.get("counter").asText());
        assertEquals(Hex.of(tick.blockHash()), state.get("blockHash").asText());
        assertEquals(Hex.of(tick.state().hash()), state.get("stateHash").asText());
    }

    @Test
    void servesEveryCommittedBlockDecodedWithItsRlpAndTheCounterAfterIt() throws Exception {
        proposer.submit(AdmissionTest.input(new Tx.Add(5)), true);
        Tick first = proposer.tick(1_000).orElseThrow();
        proposer.submit(AdmissionTest.input(new Tx.Add(7), new Tx.Add(1)), true);
        Tick second = proposer.tick(2_000).orElseThrow();

        JsonNode block = get("/api/blocks/1");
        assertEquals(1, block.get("height").asLong());
        assertEquals(Hex.of(first.blockHash()), block.get("blockHash").asText());
        assertEquals(Hex.of(Block.ZERO_HASH), block.get("prevHash").asText());
        assertEquals(1_000, block.get("timestamp").asLong());
        assertEquals("5", block.get("counter").asText()); // as it was then, not now
        assertEquals(Hex.of(Rlp.encode(first.block().encode())), block.get("rlp").asText());
        JsonNode later = get("/api/blocks/2");
        assertEquals(Hex.of(first.blockHash()), later.get("prevHash").asText());
        assertEquals(2, later.get("txCount").asInt());
        assertEquals("13", later.get("counter").asText());
        assertEquals("7", later.get("mempool").get("values").get(0).get("amount").asText());
        assertEquals(Hex.of(second.blockHash()), later.get("blockHash").asText());

        assertEquals("no block at height 3; the chain is at 2",
                get("/api/blocks/3", 404).get("error").asText());
        get("/api/blocks/0", 404);
        get("/api/blocks/two", 400);
    }

    @Test
    void answersABadInputWith400AndTheReason() throws Exception {
        HttpResponse<String> response = post(Hex.parse("0xc8c0c6c58361646480"));
        assertEquals(400, response.statusCode());
        assertEquals("tx 0: add: amount must be >= 1, got 0",
                JSON.readTree(response.body()).get("error").asText());
        assertEquals(0, proposer.queued());
    }

    @Test
    void refusesABodyOverOneMebibyteWith413WhetherItsLengthIsKnownOrNot() throws Exception {
        byte[] big = new byte[Web.MAX_INPUT + 1];
        HttpResponse<String> known = post(big);
        assertEquals(413, known.statusCode());
        assertTrue(JSON.readTree(known.body()).get("error").asText().contains("1 MiB"));

        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri("/api/inputs"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode());
        assertEquals(0, proposer.queued());
        assertEquals(202, post(AdmissionTest.input(new Tx.Add(1))).statusCode(), "still serving");
    }

    @Test
    void webSocketTakesBinaryInputsAndPushesOneEventPerCommittedBlock() throws Exception {
        Frames frames = new Frames();
        WebSocket socket = socket("?token=" + TOKEN, frames);
        byte[] input = AdmissionTest.input(new Tx.Add(7));
        socket.sendBinary(ByteBuffer.wrap(input), true).join();
        JsonNode accepted = frames.next();
        assertEquals("accepted", accepted.get("type").asText());
        assertEquals(Hex.of(Keccak.hash(input)), accepted.get("hash").asText());

        Tick committed = proposer.tick(1234).orElseThrow();
        JsonNode block = frames.next();
        assertEquals("block", block.get("type").asText());
        assertEquals(1, block.get("height").asLong());
        assertEquals(Hex.of(committed.blockHash()), block.get("blockHash").asText());
        assertEquals(1234, block.get("timestamp").asLong());
        assertEquals("7", block.get("counter").asText());
        assertEquals(Hex.of(Keccak.hash(input)), block.get("inputs").get(0).asText());
        assertEquals("add", block.get("mempool").get("values").get(0).get("method").asText());
        assertEquals("7", block.get("mempool").get("values").get(0).get("amount").asText());
        assertEquals(Hex.of(Rlp.encode(committed.block().encode())), block.get("rlp").asText());

        socket.sendBinary(ByteBuffer.wrap(new byte[] {(byte) 0x81, 0x05}), true).join();
        JsonNode error = frames.next();
        assertEquals("error", error.get("type").asText());
        assertTrue(error.get("error").asText().startsWith("non-canonical RLP at byte 0"));

        socket.sendText("add 5", true).join();
        assertEquals("error", frames.next().get("type").asText());

        socket.sendBinary(ByteBuffer.wrap(new byte[Web.MAX_INPUT + 1]), true).join();
        assertTrue(frames.next().get("error").asText().contains("over the limit of 1 MiB"));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void anInputWithoutTheTokenOrWithAWrongOneGets401AndChangesNothing() throws Exception {
        byte[] input = AdmissionTest.input(new Tx.Add(5));
        HttpResponse<String> missing = post(input, null);
        assertEquals(401, missing.statusCode());
        assertTrue(JSON.readTree(missing.body()).get("error").asText()
                .startsWith("inputs for the server or a signer need the API token"));
        for (String wrong : List.of("Bearer s3cret-tokem", "Bearer ", "Basic " + TOKEN, TOKEN)) {
            HttpResponse<String> refused = post(input, wrong);
            assertEquals(401, refused.statusCode(), wrong);
            assertEquals("wrong API token", JSON.readTree(refused.body()).get("error").asText());
        }
        assertEquals(0, proposer.queued());
        assertEquals(202, post(input).statusCode());
        assertEquals(202, post(input, "bearer " + TOKEN).statusCode(), "the scheme is any case");
    }

    @Test
    void aWebSocketWithoutTheTokenCanWatchButNotSend() throws Exception {
        Frames viewer = new Frames();
        WebSocket socket = socket("", viewer);
        socket.sendBinary(ByteBuffer.wrap(AdmissionTest.input(new Tx.Add(1))), true).join();
        JsonNode refused = viewer.next();
        assertEquals("error", refused.get("type").asText());
        assertEquals(401, refused.get("status").asInt());
        assertEquals(0, proposer.queued());

        post(AdmissionTest.input(new Tx.Add(2)));
        proposer.tick(1);
        assertEquals("block", viewer.next().get("type").asText()); // watching is open to all
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void aWebSocketWithAWrongTokenIsToldSoAndItsInputsAreRefused() throws Exception {
        Frames frames = new Frames();
        WebSocket socket = socket("?token=guess", frames);
        JsonNode told = frames.next();
        assertEquals(401, told.get("status").asInt());
        assertTrue(told.get("error").asText().startsWith("wrong API token"));
        socket.sendBinary(ByteBuffer.wrap(AdmissionTest.input(new Tx.Add(1))), true).join();
        assertEquals("wrong API token", frames.next().get("error").asText());
        assertEquals(0, proposer.queued());
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void theStateListsEverySignerWithItsCounterAndHash() throws Exception {
        Id a = Chains.signer(1);
        post(AdmissionTest.create(a));
        proposer.tick(1);
        post(AdmissionTest.toSigner(a, new Tx.Add(7)));
        proposer.tick(2);
        JsonNode signers = get("/api/state").get("signers");
        assertEquals(1, signers.size());
        assertEquals(a.toString(), signers.get(0).get("id").asText());
        assertEquals("7", signers.get(0).get("counter").asText());
        assertEquals(Hex.of(new Signer(java.math.BigInteger.valueOf(7)).hash()),
                signers.get(0).get("stateHash").asText());
        JsonNode first = get("/api/blocks/1");
        assertEquals("0", first.get("signers").get(0).get("counter").asText()); // then
        JsonNode routed = get("/api/blocks/2").get("mempool");
        assertEquals(a.toString(), routed.get("keys").get(0).asText());
        assertEquals("7", routed.get("values").get(0).get("values").get(0).get("amount").asText());
    }

    /** Collects the text frames the server sends, one JSON value each. */
    static final class Frames implements WebSocket.Listener {
        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        JsonNode next() throws Exception {
            String frame = frames.poll(10, TimeUnit.SECONDS);
            assertTrue(frame != null, "no frame from the server within 10 s");
            return JSON.readTree(frame);
        }
    }
}
