package machines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.iq80.leveldb.DB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify replays the stored chain and names the first height where it is wrong. */
class VerifyTest {
    private static final int BLOCKS = 12;

    @TempDir
    Path dir;

    private Verify.Replayed verify() throws Verify.Failed {
        try (Storage storage = Storage.open(dir, false, false)) {
            return Verify.chain(storage);
        }
    }

    private void assertFailsAt(long height, String what) {
        Verify.Failed failed = assertThrows(Verify.Failed.class, this::verify);
        assertEquals(height, failed.height(), failed.getMessage());
        assertTrue(failed.getMessage().contains(what), failed.getMessage());
    }

    @Test
    void replaysAGoodChainToTheStateInTheRoot() throws Verify.Failed {
        Chains.build(dir, BLOCKS);
        Verify.Replayed head = verify();
        assertEquals(BLOCKS, head.height());
        // auto-add 1 at every height, and an add of the height at every even one
        assertEquals(BigInteger.valueOf(BLOCKS + 2 + 4 + 6 + 8 + 10 + 12), head.state().counter());
        try (Storage storage = Storage.open(dir, false, false)) {
            assertArrayEquals(storage.root().orElseThrow().blockHash(), head.blockHash());
        }
    }

    @Test
    void anEmptyDatabaseVerifiesAsNoBlocks() throws Verify.Failed {
        Chains.fresh(dir).close();
        assertEquals(0, verify().height());
    }

    @Test
    void catchesAFlippedByteInAnyBlockAtThatBlocksHeight() {
        Chains.build(dir, BLOCKS);
        Random random = new Random(5);
        for (int height = 1; height <= BLOCKS; height++) {
            byte[][] saved = new byte[2][];
            int h = height;
            Chains.edit(dir, db -> {
                saved[0] = db.get(Storage.indexKey(h));
                saved[1] = db.get(saved[0]);
                byte[] flipped = saved[1].clone();
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                db.put(saved[0], flipped);
            });
            assertFailsAt(height, "its bytes have changed");
            Chains.edit(dir, db -> db.put(saved[0], saved[1]));
        }
    }

    @Test
    void catchesAMissingBlock() {
        Chains.build(dir, BLOCKS);
        Chains.edit(dir, db -> db.delete(db.get(Storage.indexKey(5))));
        assertFailsAt(5, "no block is stored there");
    }

    @Test
    void catchesAMissingIndexEntry() {
        Chains.build(dir, BLOCKS);
        Chains.edit(dir, db -> db.delete(Storage.indexKey(7)));
        assertFailsAt(7, "no index entry");
    }

    @Test
    void catchesAnIndexEntryThatPointsToAnotherBlock() {
        Chains.build(dir, BLOCKS);
        Chains.edit(dir, db -> db.put(Storage.indexKey(4), db.get(Storage.indexKey(3))));
        assertFailsAt(4, "the block says it is at height 3");
    }

    @Test
    void catchesAnIndexEntryPastTheRoot() {
        Chains.build(dir, BLOCKS);
        Chains.edit(dir, db -> db.put(Storage.indexKey(BLOCKS + 1), db.get(Storage.indexKey(1))));
        assertFailsAt(BLOCKS + 1, "the index has an entry past the root");
    }

    @Test
    void catchesARootWhoseStateDisagreesWithTheReplay() {
        Chains.build(dir, BLOCKS);
        Chains.edit(dir, db -> {
            Storage.Root root = Storage.Root.decode(db.get(new byte[] {0}), new TreeMap<>());
            Storage.Root lying = new Storage.Root(root.blockHash(), root.height(),
                    new Server(root.state().counter().add(BigInteger.ONE), new TreeMap<>()));
            db.put(new byte[] {0}, Rlp.encode(lying.encode()));
        });
        assertFailsAt(BLOCKS, "the root holds the counter");
    }

    @Test
    void replaysEachSignersMempoolToItAndMatchesTheStoredSigners() throws Verify.Failed {
        Chains.build(dir, BLOCKS);
        Verify.Replayed head = verify();
        // signer n got an add h at every height h from 2 with h % 3 == n
        assertEquals(BigInteger.valueOf(3 + 6 + 9 + 12), head.state().signers()
                .get(Chains.signer(0)).counter());
        assertEquals(BigInteger.valueOf(4 + 7 + 10), head.state().signers()
                .get(Chains.signer(1)).counter());
        assertEquals(BigInteger.valueOf(2 + 5 + 8 + 11), head.state().signers()
                .get(Chains.signer(2)).counter());
    }

    /**
     * The chain commits to every signer by its hash, in each block's stateHash, so the replay
     * knows what every signer's state must be: a stored state that was changed is caught.
     */
    @Test
    void catchesAStoredSignerStateThatDisagreesWithTheChain() {
        Chains.build(dir, BLOCKS);
        Id signer = Chains.signer(1);
        Chains.edit(dir, db -> db.put(Storage.signerKey(signer),
                Rlp.encode(new Signer(BigInteger.valueOf(1_000)).encode())));
        assertFailsAt(BLOCKS, "signer " + signer + " is stored as Signer[counter=1000], but the"
                + " replay gives Signer[counter=21]");
    }

    @Test
    void catchesASignerThatNoBlockCreated() {
        Chains.build(dir, BLOCKS);
        Chains.edit(dir, db -> db.put(Storage.signerKey(Chains.signer(9)),
                Rlp.encode(Signer.EMPTY.encode())));
        assertFailsAt(BLOCKS, "signer " + Chains.signer(9) + " is stored, but no block created it");
    }

    @Test
    void catchesARootThatNamesAnEarlierBlock() {
        Chains.build(dir, BLOCKS);
        Chains.edit(dir, db -> {
            Storage.Root root = Storage.Root.decode(db.get(new byte[] {0}), new TreeMap<>());
            db.put(new byte[] {0}, Rlp.encode(new Storage.Root(db.get(Storage.indexKey(3)),
                    root.height(), root.state()).encode()));
        });
        assertFailsAt(BLOCKS, "the root names block");
    }

    /** Stores a changed copy of block {@code height} under its own hash, and indexes it. */
    private static byte[] rewrite(DB db, long height, UnaryOperator<Block> change) {
        Block changed = change.apply(Block.decode(db.get(db.get(Storage.indexKey(height)))));
        byte[] rlp = Rlp.encode(changed.encode());
        byte[] hash = Keccak.hash(rlp);
        db.put(hash, rlp);
        db.put(Storage.indexKey(height), hash);
        return hash;
    }

    /**
     * The last block rewritten with a wrong stateHash, stored under its new hash, with the
     * index and the root fixed up: every hash is consistent, and only the replay can tell.
     */
    @Test
    void catchesAStateHashThatTheReplayDoesNotGive() {
        Chains.build(dir, 3);
        Chains.edit(dir, db -> {
            byte[] hash = rewrite(db, 3, block -> new Block(block.prevHash(), 3,
                    block.timestamp(), block.mempool(), Keccak.hash(new byte[] {1})));
            Storage.Root root = Storage.Root.decode(db.get(new byte[] {0}), new TreeMap<>());
            db.put(new byte[] {0}, Rlp.encode(new Storage.Root(hash, 3, root.state()).encode()));
        });
        assertFailsAt(3, "but replaying the block gives");
    }

    @Test
    void catchesABlockThatDoesNotLinkToThePreviousOne() {
        Chains.build(dir, 3);
        Chains.edit(dir, db -> rewrite(db, 2, block -> new Block(Keccak.hash(new byte[0]), 2,
                block.timestamp(), block.mempool(), block.stateHash())));
        assertFailsAt(2, "does not link to block 1");
    }

    @Test
    void theHistoryReplaysToAnyHeightFromItsCheckpoints() throws Verify.Failed {
        Chains.build(dir, BLOCKS);
        try (Storage storage = Storage.open(dir, false, false)) {
            History history = new History(storage);
            assertEquals(BigInteger.valueOf(1), history.at(1).state().counter());
            assertEquals(BigInteger.valueOf(4 + 2 + 4), history.at(4).state().counter());
            assertEquals(BigInteger.valueOf(2 + 2), history.at(2).state().counter());
            assertEquals(Verify.chain(storage).state(), history.at(BLOCKS).state());
        }
    }
}
