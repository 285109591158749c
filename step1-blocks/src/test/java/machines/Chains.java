package machines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
        return new Proposer(fresh(dir), 0);
    }

    /** A database holding {@code blocks} blocks of one or two adds each; closed again. */
    static void build(Path dir, int blocks) {
        try (Storage storage = fresh(dir)) {
            Proposer proposer = new Proposer(storage, 1);
            for (int height = 1; height <= blocks; height++) {
                if (height % 2 == 0) {
                    proposer.submit(AdmissionTest.input(new Tx.Add(height)));
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
