package machines;

import java.util.Arrays;

/**
 * {@code verify --data DIR}: rebuilds the state by replaying every stored block from the empty
 * state, the way a node rebuilds its memory from its block log, and checks every link and
 * hash on the way (SPEC section 5). The first thing wrong stops it, naming its height.
 */
public final class Verify {
    private Verify() {}

    /** Where a replay stands: the last block replayed, and the state after it. */
    public record Replayed(long height, byte[] blockHash, long timestamp, Server state) {
        public static final Replayed START = new Replayed(0, Block.ZERO_HASH, 0, Server.EMPTY);
    }

    /** The first height at which the stored chain is wrong, and what is wrong there. */
    public static final class Failed extends Exception {
        private final long height;

        Failed(long height, String message) {
            super("height " + height + ": " + message, null, false, false);
            this.height = height;
        }

        public long height() {
            return height;
        }
    }

    // tag::chain[]
    /** Replays the whole chain and checks the root against the replay. */
    public static Replayed chain(Storage storage) throws Failed {
        Storage.Root root = storage.root().orElse(null);
        if (root == null) {
            return Replayed.START;
        }
        Replayed replayed = Replayed.START;
        while (replayed.height() < root.height()) {
            replayed = next(storage, replayed);
        }
        if (!Arrays.equals(root.blockHash(), replayed.blockHash())) {
            throw new Failed(root.height(), "the root names block " + Hex.of(root.blockHash())
                    + ", but the chain ends at " + Hex.of(replayed.blockHash()));
        }
        if (!root.state().equals(replayed.state())) {
            throw new Failed(root.height(), "the root holds the state " + root.state()
                    + ", but the replay gives " + replayed.state());
        }
        if (storage.hashAt(root.height() + 1).isPresent()) {
            throw new Failed(root.height() + 1, "the index has an entry past the root");
        }
        return replayed;
    }
    // end::chain[]

    // tag::next[]
    /** Replays the block after {@code previous}, checking everything the contract promises. */
    public static Replayed next(Storage storage, Replayed previous) throws Failed {
        long height = previous.height() + 1;
        byte[] hash = storage.hashAt(height)
                .orElseThrow(() -> new Failed(height, "no index entry"));
        byte[] rlp = storage.block(hash).orElseThrow(() -> new Failed(height,
                "the index points to " + Hex.of(hash) + ", but no block is stored there"));
        byte[] actual = Keccak.hash(rlp);
        if (!Arrays.equals(actual, hash)) {
            throw new Failed(height, "the block stored under " + Hex.of(hash) + " hashes to "
                    + Hex.of(actual) + ": its bytes have changed");
        }
        Block block;
        try {
            block = Block.decode(rlp);
        } catch (BadInput e) {
            throw new Failed(height, "the block does not decode: " + e.getMessage());
        }
        if (block.height() != height) {
            throw new Failed(height, "the block says it is at height " + block.height());
        }
        if (!Arrays.equals(block.prevHash(), previous.blockHash())) {
            throw new Failed(height, "prevHash " + Hex.of(block.prevHash())
                    + " does not link to block " + previous.height() + ", "
                    + Hex.of(previous.blockHash()));
        }
        if (block.timestamp() < previous.timestamp()) {
            throw new Failed(height, "timestamp " + block.timestamp()
                    + " is before the previous block's " + previous.timestamp());
        }
        if (block.mempool().isEmpty()) {
            throw new Failed(height, "the mempool is empty, and an empty mempool makes no block");
        }
        Server state;
        try {
            state = Server.apply(previous.state(), block.mempool());
        } catch (BadInput e) {
            throw new Failed(height, "the mempool does not apply: " + e.getMessage());
        }
        if (!Arrays.equals(block.stateHash(), state.hash())) {
            throw new Failed(height, "stateHash " + Hex.of(block.stateHash())
                    + ", but replaying the block gives " + Hex.of(state.hash()));
        }
        return new Replayed(height, hash, block.timestamp(), state);
    }
    // end::next[]
}
