package machines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the machines look like in JSON, for the HTTP API, the WebSocket events and the
 * visualizer. Byte strings are 0x-hex, heights numbers, counters and amounts decimal strings
 * (SPEC section 2).
 */
public final class Json {
    /** Events carry at most this many of a mempool's values ... */
    public static final int EVENT_VALUES = 64;
    /** ... and at most this many bytes of its RLP. */
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

    /** {@code GET /api/state}. */
    public static Map<String, Object> state(Tick last) {
        return object("height", last.height(), "counter", last.state().counter().toString());
    }

    // tag::event[]
    /**
     * The event {@code /ws} pushes once per applied mempool. A mempool can hold a million txs,
     * so the event carries at most {@link #EVENT_VALUES} of its values and the first
     * {@link #EVENT_RLP_BYTES} of its RLP (with {@code rlpLength}, the whole length); the input
     * hashes are always all there, so a client can confirm that its inputs were applied.
     */
    public static Map<String, Object> tickEvent(Tick tick) {
        List<String> inputs = new ArrayList<>(tick.inputs().size());
        for (byte[] hash : tick.inputs()) {
            inputs.add(Hex.of(hash));
        }
        byte[] rlp = Rlp.encode(tick.mempool().encode());
        return object(
                "type", "tick",
                "height", tick.height(),
                "timestamp", tick.timestamp(),
                "counter", tick.state().counter().toString(),
                "inputs", inputs,
                "txCount", tick.mempool().txCount(),
                "mempool", serverMempool(tick.mempool(), EVENT_VALUES),
                "rlp", Hex.of(Arrays.copyOf(rlp, Math.min(rlp.length, EVENT_RLP_BYTES))),
                "rlpLength", rlp.length);
    }
    // end::event[]

    /**
     * A server's mempool decoded, like its RLP: {@code {"keys": [...], "values": [...]}}, with
     * at most {@code limit} values and, when some are left out, {@code "more"}: how many.
     */
    public static Map<String, Object> serverMempool(Mempool mempool, int limit) {
        List<Object> values = new ArrayList<>();
        for (Tx tx : mempool.txs().subList(0, Math.min(limit, mempool.txs().size()))) {
            values.add(tx(tx));
        }
        Map<String, Object> json = object("keys", List.of(), "values", values);
        if (values.size() < mempool.txs().size()) {
            json.put("more", mempool.txs().size() - values.size());
        }
        return json;
    }

    /** A tx decoded: its method and its arguments by name. */
    public static Map<String, Object> tx(Tx tx) {
        if (tx instanceof Tx.Add add) {
            return object("method", "add", "amount", add.amount().toString());
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
