package machines;

import java.util.Arrays;
import java.util.Map;

/**
 * {@code verify --data DIR}: rebuilds the state by replaying every stored block from the empty
 * state, routing each child's mempool to it as the proposer did, the way a node rebuilds its
 * memory from its block log, and checks every link and hash on the way, then the stored states
 * of the server and of every signer (SPEC section 5). The first thing wrong stops it, naming
 * its height.
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
        checkStored(root.height(), root.state(), replayed.state());
        if (storage.hashAt(root.height() + 1).isPresent()) {
            throw new Failed(root.height() + 1, "the index has an entry past the root");
        }
        return replayed;
    }
    // end::chain[]

    // tag::stored[]
    /** The stored state (the root's counter, each signer's key) against the replay's. */
    private static void checkStored(long height, Server stored, Server replayed) throws Failed {
        if (!stored.counter().equals(replayed.counter())) {
            throw new Failed(height, "the root holds the counter " + stored.counter()
                    + ", but the replay gives " + replayed.counter());
        }
        for (Map.Entry<Id, Signer> signer : replayed.signers().entrySet()) {
            Signer kept = stored.signers().get(signer.getKey());
            if (!signer.getValue().equals(kept)) {
                throw new Failed(height, "signer " + signer.getKey() + " is stored as "
                        + (kept == null ? "nothing" : kept) + ", but the replay gives "
                        + signer.getValue());
            }
        }
        for (Id id : stored.signers().keySet()) {
            if (!replayed.signers().containsKey(id)) {
                throw new Failed(height, "signer " + id + " is stored, but no block created it");
            }
        }
    }
    // end::stored[]

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
            state = Server.apply(previous.state(), block.mempool(), Fanout.sequential());
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
