package machines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the machines and blocks look like in JSON, for the HTTP API, the WebSocket events and
 * the visualizer. Byte strings are 0x-hex, heights numbers, counters and amounts decimal strings
 * (SPEC section 2).
 */
public final class Json {
    /** Events carry at most this many of a mempool's values ... */
    public static final int EVENT_VALUES = 64;
    /** ... and at most this many bytes of the block's RLP. */
    public static final int EVENT_RLP_BYTES = 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** {@code GET /api/state}: the latest block, and the state after it, signers included. */
    public static Map<String, Object> state(Tick last) {
        return object(
                "height", last.height(),
                "counter", last.state().counter().toString(),
                "blockHash", Hex.of(last.blockHash()),
                "stateHash", Hex.of(last.block().stateHash()),
                "signers", signers(last.state()));
    }

    /** {@code [{"id", "counter", "stateHash"}]}, sorted by id. */
    public static List<Map<String, Object>> signers(Server state) {
        List<Map<String, Object>> signers = new ArrayList<>(state.signers().size());
        for (Map.Entry<Id, Signer> signer : state.signers().entrySet()) {
            signers.add(object(
                    "id", signer.getKey().toString(),
                    "counter", signer.getValue().counter().toString(),
                    "stateHash", Hex.of(signer.getValue().hash())));
        }
        return signers;
    }

    // tag::event[]
    /**
     * The event {@code /ws} pushes once per committed block. A block can hold a million txs, so
     * the event carries at most {@link #EVENT_VALUES} keys and values at each level of its
     * mempool, and the first
     * {@link #EVENT_RLP_BYTES} of the block's RLP (with {@code rlpLength}, the whole length);
     * the input hashes are always all there, so a client can confirm that its inputs are in a
     * committed block, and resend the others after a crash. {@code GET /api/blocks/{height}}
     * has the whole block.
     */
    public static Map<String, Object> blockEvent(Tick tick) {
        List<String> inputs = new ArrayList<>(tick.inputs().size());
        for (byte[] hash : tick.inputs()) {
            inputs.add(Hex.of(hash));
        }
        byte[] rlp = Rlp.encode(tick.block().encode());
        Map<String, Object> event = object("type", "block");
        event.putAll(header(tick.block(), tick.blockHash()));
        event.putAll(object(
                "counter", tick.state().counter().toString(),
                "inputs", inputs,
                "mempool", mempool(tick.block().mempool(), EVENT_VALUES),
                "rlp", Hex.of(Arrays.copyOf(rlp, Math.min(rlp.length, EVENT_RLP_BYTES))),
                "rlpLength", rlp.length));
        return event;
    }
    // end::event[]

    /**
     * {@code GET /api/blocks/{height}}: the whole block decoded, its RLP, and the state after it
     * (the counter and the signers).
     */
    public static Map<String, Object> block(Block block, byte[] hash, byte[] rlp, Server after) {
        Map<String, Object> json = header(block, hash);
        json.putAll(object(
                "counter", after.counter().toString(),
                "signers", signers(after),
                "mempool", mempool(block.mempool(), Integer.MAX_VALUE),
                "rlp", Hex.of(rlp),
                "rlpLength", rlp.length));
        return json;
    }

    private static Map<String, Object> header(Block block, byte[] hash) {
        return object(
                "height", block.height(),
                "blockHash", Hex.of(hash),
                "prevHash", Hex.of(block.prevHash()),
                "timestamp", block.timestamp(),
                "stateHash", Hex.of(block.stateHash()),
                "txCount", block.mempool().txCount());
    }

    // tag::mempool[]
    /**
     * A mempool decoded, like its RLP: {@code {"keys": [...], "values": [...]}}, the children's
     * mempools first (the same shape), then the machine's own txs. At most {@code limit} keys
     * and {@code limit} values each level; when some are left out, {@code "moreKeys"} and
     * {@code "more"} say how many.
     */
    public static Map<String, Object> mempool(Mempool mempool, int limit) {
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < mempool.keys().size() && i < limit; i++) {
            keys.add(mempool.keys().get(i).toString());
            values.add(mempool(mempool.children().get(i), limit));
        }
        for (int i = 0; i < mempool.txs().size() && values.size() < limit; i++) {
            values.add(tx(mempool.txs().get(i)));
        }
        Map<String, Object> json = object("keys", keys, "values", values);
        int allValues = mempool.keys().size() + mempool.txs().size();
        if (keys.size() < mempool.keys().size()) {
            json.put("moreKeys", mempool.keys().size() - keys.size());
        }
        if (values.size() < allValues) {
            json.put("more", allValues - values.size());
        }
        return json;
    }
    // end::mempool[]

    /** A tx decoded: its method and its arguments by name. */
    public static Map<String, Object> tx(Tx tx) {
        if (tx instanceof Tx.Add add) {
            return object("method", "add", "amount", add.amount().toString());
        }
        if (tx instanceof Tx.CreateSigner create) {
            return object("method", "createSigner", "id", create.id().toString());
        }
        throw new IllegalArgumentException("no JSON for " + tx);
    }

    public static Map<String, Object> error(String message) {
        return object("error", message);
    }

    /** A JSON object from alternating names and values, in that order. */
    public static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }
}
