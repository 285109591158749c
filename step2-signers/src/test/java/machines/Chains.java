package machines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.impl.Iq80DBFactory;

/** Test fixtures: databases in a test's temporary directory, and ways to damage them. */
final class Chains {
    private Chains() {}

    /** Something to do to the raw LevelDB, as another program (or a bad disk) would. */
    interface RawEdit {
        void apply(DB db) throws IOException;
    }

    /** A new, empty database; not synced, which a test does not need. */
    static Storage fresh(Path dir) {
        return Storage.open(dir, true, false);
    }

    /** A proposer on a fresh database, with no --auto-add. */
    static Proposer proposer(Path dir) {
        return new Proposer(fresh(dir), 0, Fanout.sequential());
    }

    /** The id of a test's signer {@code n}. */
    static Id signer(int n) {
        byte[] id = new byte[Id.LENGTH];
        id[0] = (byte) 0xa0;
        id[31] = (byte) n;
        return Id.of(id);
    }

    /** The signers {@link #build} creates. */
    static final List<Id> SIGNERS = List.of(signer(0), signer(1), signer(2));

    /**
     * A database holding {@code blocks} blocks, closed again: block 1 creates {@link #SIGNERS};
     * every block has the server's own add 1; every even height {@code h} an add h for the
     * server; and every height h from 2 an add h for signer h % 3.
     */
    static void build(Path dir, int blocks) {
        try (Storage storage = fresh(dir)) {
            Proposer proposer = new Proposer(storage, 1, Fanout.sequential());
            for (int height = 1; height <= blocks; height++) {
                if (height == 1) {
                    proposer.submit(new Input(List.of(), SIGNERS.stream()
                            .map(id -> (Tx) new Tx.CreateSigner(id)).toList()).encode(), true);
                } else {
                    proposer.submit(new Input(List.of(SIGNERS.get(height % 3)),
                            List.of(new Tx.Add(height))).encode(), true);
                }
                if (height % 2 == 0) {
                    proposer.submit(AdmissionTest.input(new Tx.Add(height)), true);
                }
                proposer.tick(1_000L * height);
            }
        }
    }

    /** Opens the database with plain LevelDB, without our checks, to change it. */
    static void edit(Path dir, RawEdit edit) {
        try (DB db = Iq80DBFactory.factory.open(dir.toFile(), new Options())) {
            edit.apply(db);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
