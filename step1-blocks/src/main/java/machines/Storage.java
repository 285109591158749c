package machines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.OverlappingFileLockException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.iq80.leveldb.CompressionType;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;
import org.iq80.leveldb.impl.Iq80DBFactory;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * The storage adapter (SPEC section 5): one LevelDB database per server process, holding the
 * blocks, an index from height to block hash, and the root, which names the last committed
 * block and the server's state after it.
 *
 * <pre>
 *   0x00                      root: rlp([blockHash, height, [counter]])
 *   0x01 + height (8 bytes)   the block hash at that height
 *   blockHash (32 bytes)      rlp(block)
 * </pre>
 *
 * Keys are told apart by their length. A block is committed when one atomic write batch with
 * all three has been written; after a crash LevelDB either has the whole batch or none of it.
 */
public final class Storage implements AutoCloseable {
    private static final byte[] ROOT_KEY = {0x00};
    private static final byte INDEX_PREFIX = 0x01;

    /** A database that cannot be used as it is: in use, not ours, or damaged. */
    public static final class Unusable extends RuntimeException {
        public Unusable(String message) {
            super(message, null, false, false);
        }
    }

    // tag::root[]
    /** What key 0x00 holds: the last committed block by hash and height, and the state after it. */
    public record Root(byte[] blockHash, long height, Server state) {
        RlpList encode() {
            return new RlpList(RlpString.create(blockHash), Rlp.scalar(height), state.encode());
        }

        static Root decode(byte[] bytes) {
            List<RlpType> parts = Rlp.list(Rlp.decode(bytes), "the root");
            if (parts.size() != 3) {
                throw new BadInput("the root is [blockHash, height, serverState], got a list of "
                        + parts.size() + " items");
            }
            byte[] hash = Rlp.bytes(parts.get(0), "the root's blockHash");
            if (hash.length != 32) {
                throw new BadInput("the root's blockHash must be 32 bytes, got " + hash.length);
            }
            long height = Rlp.scalar(parts.get(1), "the root's height").longValueExact();
            return new Root(hash, height, Server.decode(parts.get(2)));
        }
    }
    // end::root[]

    private final Path dir;
    private final DB db;
    private final WriteOptions writeOptions;

    private Storage(Path dir, DB db, boolean sync) {
        this.dir = dir;
        this.db = db;
        this.writeOptions = new WriteOptions().sync(sync);
    }

    // tag::open[]
    /**
     * Opens the database in {@code dir}, creating it if {@code create} and there is none. Refuses
     * a directory that has other files but no database, and one that another process has open:
     * LevelDB's lock file says so.
     */
    public static Storage open(Path dir, boolean create, boolean sync) {
        boolean exists = Files.exists(dir.resolve("CURRENT"));
        try {
            if (!exists && !create) {
                throw new Unusable("there is no database in " + dir);
            }
            if (!exists && Files.isDirectory(dir) && !isEmpty(dir)) {
                throw new Unusable(dir + " is not empty and holds no LevelDB database;"
                        + " refusing to create one among other files");
            }
            Files.createDirectories(dir);
            return new Storage(dir, Iq80DBFactory.factory.open(dir.toFile(), options()), sync);
        } catch (Unusable e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (e instanceof OverlappingFileLockException
                    || String.valueOf(e.getMessage()).contains("Unable to acquire lock")) {
                throw new Unusable(dir + " is in use by another process"
                        + " (LevelDB's LOCK file is held)");
            }
            throw new Unusable("cannot open the database in " + dir + ": " + e);
        }
    }
    // end::open[]

    /** How every database of the project is opened; the bench's raw LevelDB too. */
    static org.iq80.leveldb.Options options() {
        return new org.iq80.leveldb.Options()
                .createIfMissing(true)
                .paranoidChecks(true)
                // no Snappy: any LevelDB implementation can read the files, with or without it
                .compressionType(CompressionType.NONE);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }

    // tag::head[]
    /**
     * Where the chain ends, as the root says, after checking that the root, the index and the
     * block agree; {@link Tick#NONE} for an empty database. Start-up continues from here.
     */
    public Tick head() {
        Root root = root().orElse(null);
        if (root == null) {
            return Tick.NONE;
        }
        String block = "block " + Hex.of(root.blockHash()) + " at height " + root.height();
        byte[] indexed = hashAt(root.height()).orElseThrow(() -> damaged("the root names " + block
                + ", but the index has no entry at that height"));
        if (!Arrays.equals(indexed, root.blockHash())) {
            throw damaged("the root names " + block + ", but the index points to "
                    + Hex.of(indexed));
        }
        byte[] rlp = block(root.blockHash()).orElseThrow(() -> damaged("the root names " + block
                + ", but no block is stored under that hash"));
        Block head;
        try {
            head = Block.decode(rlp);
        } catch (BadInput e) {
            throw damaged(block + " does not decode: " + e.getMessage());
        }
        if (!Arrays.equals(Keccak.hash(rlp), root.blockHash()) || head.height() != root.height()
                || !Arrays.equals(head.stateHash(), root.state().hash())) {
            throw damaged(block + " does not match the root (its hash, height or stateHash)");
        }
        return new Tick(head, root.blockHash(), List.of(), root.state());
    }
    // end::head[]

    private Unusable damaged(String what) {
        return new Unusable(dir + " is damaged: " + what + "; `verify --data " + dir
                + "` checks the whole chain");
    }

    public Optional<Root> root() {
        byte[] bytes = db.get(ROOT_KEY);
        if (bytes == null) {
            if (!isEmpty()) {
                throw new Unusable(dir + " is not a Machine Tree database: it holds keys but no root"
                        + " (key 0x00)");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(Root.decode(bytes));
        } catch (BadInput | ArithmeticException e) {
            throw damaged("the root (key 0x00) does not decode: " + e.getMessage());
        }
    }

    private boolean isEmpty() {
        try (DBIterator keys = db.iterator()) {
            keys.seekToFirst();
            return !keys.hasNext();
        } catch (IOException e) {
            throw new Unusable("cannot read " + dir + ": " + e.getMessage());
        }
    }

    // tag::commit[]
    /** One atomic batch: the block, its index entry and the new root. Synced unless --sync false. */
    public void commit(byte[] blockHash, byte[] blockRlp, long height, Server state) {
        try (WriteBatch batch = db.createWriteBatch()) {
            batch.put(blockHash, blockRlp);
            batch.put(indexKey(height), blockHash);
            batch.put(ROOT_KEY, Rlp.encode(new Root(blockHash, height, state).encode()));
            db.write(batch, writeOptions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
    // end::commit[]

    /** The hash of the block at {@code height}, as the index says. */
    public Optional<byte[]> hashAt(long height) {
        return Optional.ofNullable(db.get(indexKey(height)));
    }

    /** A block's bytes by its hash. */
    public Optional<byte[]> block(byte[] hash) {
        return Optional.ofNullable(db.get(hash));
    }

    static byte[] indexKey(long height) {
        return ByteBuffer.allocate(9).put(INDEX_PREFIX).putLong(height).array();
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
