package machines;

import java.util.List;

/**
 * What one tick of the proposer loop did: which inputs it took (by hash), the mempool it folded
 * them into, and the server's state after applying it. Ticks with an empty mempool do nothing
 * and have no height.
 */
public record Tick(long height, long timestamp, Mempool mempool, List<byte[]> inputs,
        Server state) {
    /** Before the first tick: height 0, the empty state. */
    public static final Tick NONE = new Tick(0, 0, Mempool.EMPTY, List.of(), Server.EMPTY);

    public Tick {
        inputs = List.copyOf(inputs);
    }
}
