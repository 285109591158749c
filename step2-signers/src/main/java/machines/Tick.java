package machines;

import java.util.List;

/**
 * What one tick of the proposer loop did: the block it committed (its hash names it), which
 * inputs the block holds (by hash), and the server's state after it. Ticks with an empty
 * mempool do nothing and make no block.
 */
public record Tick(Block block, byte[] blockHash, List<byte[]> inputs, Server state) {
    /** Before the first block: height 0, the empty state, and the zero hash that block 1 links to. */
    public static final Tick NONE = new Tick(
            new Block(Block.ZERO_HASH, 0, 0, Mempool.EMPTY, Server.EMPTY.hash()),
            Block.ZERO_HASH, List.of(), Server.EMPTY);

    public Tick {
        inputs = List.copyOf(inputs);
    }

    public long height() {
        return block.height();
    }
}
