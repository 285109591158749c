package machines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.iq80.leveldb.DBIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage layout of SPEC section 5, and a database that is not what it should be. */
class StorageTest {
    @TempDir
    Path dir;

    @Test
    void theBlocksTheirIndexTheRootAndTheSignersAreAllThereIs() throws IOException {
        Chains.build(dir, 3);
        List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>();
        Chains.edit(dir, db -> {
            try (DBIterator all = db.iterator()) {
                all.seekToFirst();
                all.forEachRemaining(entries::add);
            }
        });
        assertEquals(10, entries.size(), "3 blocks, 3 index entries, 1 root, 3 signers");
        try (Storage storage = Storage.open(dir, false, false)) {
            Storage.Root root = storage.root().orElseThrow();
            assertEquals(3, root.height());
            for (Map.Entry<byte[], byte[]> entry : entries) {
                byte[] key = entry.getKey();
                switch (key.length) { // keys are told apart by their length
                    case 1 -> assertArrayEquals(Rlp.encode(root.encode()), entry.getValue());
                    case 9 -> assertEquals(1, key[0]);
                    case 32 -> assertArrayEquals(key, Keccak.hash(entry.getValue()));
                    case 33 -> {
                        assertEquals(2, key[0]);
                        Id id = Id.of(Arrays.copyOfRange(key, 1, 33));
                        assertArrayEquals(Rlp.encode(root.state().signers().get(id).encode()),
                                entry.getValue());
                    }
                    default -> throw new AssertionError("a key of " + key.length + " bytes");
                }
            }
            byte[] index3 = new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 3};
            assertArrayEquals(storage.hashAt(3).orElseThrow(), root.blockHash());
            assertArrayEquals(index3, Storage.indexKey(3));
        }
    }

    @Test
    void theRootIsTheLastBlockByHashAndHeightWithTheServersState() {
        Chains.build(dir, 4);
        try (Storage storage = Storage.open(dir, false, false)) {
            Storage.Root root = storage.root().orElseThrow();
            Tick head = storage.head();
            assertArrayEquals(head.blockHash(), root.blockHash());
            assertEquals(BigInteger.valueOf(4 + 2 + 4), root.state().counter());
            assertEquals(head.state(), root.state());
            assertEquals(BigInteger.valueOf(3), root.state().signers().get(Chains.signer(0))
                    .counter());
            // rlp([blockHash, height, [counter]])
            assertEquals("0x" + "e4" + "a0" + Hex.of(root.blockHash()).substring(2) + "04" + "c1" + "0a",
                    Hex.of(Rlp.encode(root.encode())));
        }
    }

    @Test
    void aCommitWritesTheSignersItIsGivenAndNoOthers() {
        try (Storage storage = Chains.fresh(dir)) {
            Server state = new Server(BigInteger.ONE, new java.util.TreeMap<>(Map.of(
                    Chains.signer(1), new Signer(BigInteger.ONE),
                    Chains.signer(2), new Signer(BigInteger.TWO))));
            storage.commit(Block.ZERO_HASH, new byte[] {(byte) 0xc0}, 1, state,
                    Map.of(Chains.signer(2), new Signer(BigInteger.TWO)));
            assertEquals(Map.of(Chains.signer(2), new Signer(BigInteger.TWO)), storage.signers());
        }
    }

    @Test
    void signerStatesAreFoundAmongBlocksWhoseHashesBeginWithTheSamePrefix() {
        try (Storage storage = Chains.fresh(dir)) {
            byte[] lookalike = new byte[32];
            lookalike[0] = 2; // a block hash that begins like a signer key
            storage.commit(lookalike, new byte[] {(byte) 0xc0}, 1, Server.EMPTY,
                    Map.of(Chains.signer(7), new Signer(BigInteger.TEN)));
            assertEquals(Map.of(Chains.signer(7), new Signer(BigInteger.TEN)), storage.signers());
        }
    }

    @Test
    void anEmptyDirectoryStartsBeforeBlockOne() {
        try (Storage storage = Storage.open(dir.resolve("new"), true, false)) {
            assertSame(Tick.NONE, storage.head());
        }
    }

    @Test
    void refusesToCreateADatabaseAmongOtherFiles() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Storage.Unusable error = assertThrows(Storage.Unusable.class,
                () -> Storage.open(dir, true, false));
        assertTrue(error.getMessage().contains("is not empty and holds no LevelDB database"));
        assertEquals(List.of(dir.resolve("notes.txt")), Files.list(dir).toList(), "nothing created");
    }

    @Test
    void refusesADatabaseThatIsNotOurs() {
        Chains.edit(dir, db -> db.put(new byte[] {42}, new byte[] {1}));
        try (Storage storage = Storage.open(dir, false, false)) {
            Storage.Unusable error = assertThrows(Storage.Unusable.class, storage::head);
            assertTrue(error.getMessage().contains("is not a Machine Tree database: it holds keys"
                    + " but no root"), error.getMessage());
        }
    }

    @Test
    void refusesARootThatDoesNotDecode() {
        Chains.build(dir, 2);
        Chains.edit(dir, db -> db.put(new byte[] {0}, new byte[] {(byte) 0xc3, 1, 2}));
        assertDamaged("the root (key 0x00) does not decode: not RLP");
    }

    @Test
    void refusesARootWhoseIndexEntryIsMissing() {
        Chains.build(dir, 2);
        Chains.edit(dir, db -> db.delete(Storage.indexKey(2)));
        assertDamaged("but the index has no entry at that height");
    }

    @Test
    void refusesARootWhoseIndexEntryPointsElsewhere() {
        Chains.build(dir, 2);
        Chains.edit(dir, db -> db.put(Storage.indexKey(2), db.get(Storage.indexKey(1))));
        assertDamaged("but the index points to");
    }

    @Test
    void refusesARootWhoseBlockIsMissing() {
        Chains.build(dir, 2);
        Chains.edit(dir, db -> db.delete(db.get(Storage.indexKey(2))));
        assertDamaged("but no block is stored under that hash");
    }

    @Test
    void refusesARootWhoseBlockDoesNotMatchIt() {
        Chains.build(dir, 2);
        Chains.edit(dir, db -> {
            byte[] hash = db.get(Storage.indexKey(2));
            byte[] block = db.get(hash);
            block[block.length - 1] ^= 1; // the last byte of the stateHash
            db.put(hash, block);
        });
        assertDamaged("does not match the stored state");
    }

    private void assertDamaged(String what) {
        try (Storage storage = Storage.open(dir, false, false)) {
            Storage.Unusable error = assertThrows(Storage.Unusable.class,
                    () -> new Proposer(storage, 0, Fanout.sequential()));
            assertTrue(error.getMessage().startsWith(dir + " is damaged: "), error.getMessage());
            assertTrue(error.getMessage().contains(what), error.getMessage());
            assertTrue(error.getMessage().endsWith("`verify --data " + dir
                    + "` checks the whole chain"), error.getMessage());
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefusedByLevelDbsLock() {
        try (Storage first = Storage.open(dir, true, false)) {
            Storage.Unusable error = assertThrows(Storage.Unusable.class,
                    () -> Storage.open(dir, true, false));
            assertEquals(dir + " is in use by another process (LevelDB's LOCK file is held)",
                    error.getMessage());
            first.commit(Block.ZERO_HASH, new byte[] {(byte) 0xc0}, 1, Server.EMPTY, Map.of());
        }
    }

    @Test
    void verifyNeverCreatesADatabase() {
        Storage.Unusable error = assertThrows(Storage.Unusable.class,
                () -> Storage.open(dir.resolve("none"), false, false));
        assertEquals("there is no database in " + dir.resolve("none"), error.getMessage());
        assertTrue(!Files.exists(dir.resolve("none")));
    }
}
