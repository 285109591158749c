package machines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the machines look like in JSON, for the HTTP API, the WebSocket events and the
 * visualizer. Byte strings are 0x-hex, heights numbers, counters and amounts decimal strings
 * (SPEC section 2).
 */
public final class Json {
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
    /** The event {@code /ws} pushes once per applied mempool. */
    public static Map<String, Object> tickEvent(Tick tick) {
        List<String> inputs = new ArrayList<>(tick.inputs().size());
        for (byte[] hash : tick.inputs()) {
            inputs.add(Hex.of(hash));
        }
        return object(
                "type", "tick",
                "height", tick.height(),
                "timestamp", tick.timestamp(),
                "counter", tick.state().counter().toString(),
                "inputs", inputs,
                "txCount", tick.mempool().txCount(),
                "mempool", serverMempool(tick.mempool()),
                "rlp", Hex.of(Rlp.encode(tick.mempool().encode())));
    }
    // end::event[]

    /** A server's mempool decoded: {@code {"keys": [...], "values": [...]}}, like its RLP. */
    public static Map<String, Object> serverMempool(Mempool mempool) {
        List<Object> values = new ArrayList<>();
        for (Tx tx : mempool.txs()) {
            values.add(tx(tx));
        }
        return object("keys", List.of(), "values", values);
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
