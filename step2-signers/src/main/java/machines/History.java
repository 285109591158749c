package machines;

import java.util.Map;
import java.util.TreeMap;

/**
 * The state after any past block, for the visualizer's time machine. Only the latest state is
 * stored (in the root); any other is rebuilt by replaying the chain from the nearest
 * checkpoint below it, which this class keeps every {@link #EVERY} blocks as it goes, or from
 * where the last question left off, which makes scrubbing forward cheap.
 */
final class History {
    static final int EVERY = 1_000;

    private final Storage storage;
    private final TreeMap<Long, Verify.Replayed> checkpoints = new TreeMap<>();
    private Verify.Replayed last = Verify.Replayed.START;

    History(Storage storage) {
        this.storage = storage;
        checkpoints.put(0L, Verify.Replayed.START);
    }

    // tag::at[]
    /** The replay up to block {@code height}, which must be committed already. */
    synchronized Verify.Replayed at(long height) throws Verify.Failed {
        Map.Entry<Long, Verify.Replayed> from = checkpoints.floorEntry(height);
        Verify.Replayed replayed = from.getValue();
        if (last.height() <= height && last.height() > replayed.height()) {
            replayed = last;
        }
        while (replayed.height() < height) {
            replayed = Verify.next(storage, replayed);
            if (replayed.height() % EVERY == 0) {
                checkpoints.put(replayed.height(), replayed);
            }
        }
        last = replayed;
        return replayed;
    }
    // end::at[]
}
