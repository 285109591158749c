package machines;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proposer: admits inputs into a queue as they arrive, and at every tick folds the queue
 * into one mempool, applies it, and commits the result as a block.
 *
 * <p>It holds the only mutable state of the step, the queue and the latest tick, but no clock
 * and no threads: {@link #tick} takes the time as an argument. {@link Loop} calls it every
 * {@code --tick-ms} with the wall clock; tests call it with a virtual one. It starts where the
 * storage's root says the chain ends.
 */
public final class Proposer {
    private static final Logger log = LoggerFactory.getLogger(Proposer.class);

    /** An admitted input, queued whole, with the hash the client was given for it. */
    public record Queued(Input input, byte[] hash) {}

    /** Thrown when the queue is full: the loop is behind, and the client should retry. */
    public static final class Busy extends RuntimeException {
        public Busy(String message) {
            super(message, null, false, false);
        }
    }

    /** More txs than this waiting for the next tick, and admission says "busy". */
    public static final int MAX_QUEUED_TXS = 1_000_000;

    /** The server's own {@code add}, queued at every tick when --auto-add is on. */
    private final Queued autoAdd;
    private final Storage storage;
    private final Fanout fanout;
    private final List<Consumer<Tick>> listeners = new CopyOnWriteArrayList<>();
    private final Object queueLock = new Object();
    private List<Queued> queue = new ArrayList<>();
    private int queuedTxs;
    /** Signers that admitted inputs create, until a committed block has them. */
    private final Set<Id> creating = new HashSet<>();
    private volatile Tick last;

    // tag::start[]
    /**
     * Continues the chain in {@code storage} (an empty one starts at height 1). {@code autoAdd}:
     * the amount of an {@code add} the server queues for itself every tick; {@code fanout}: how
     * the children of a mempool are applied.
     */
    public Proposer(Storage storage, long autoAdd, Fanout fanout) {
        if (autoAdd < 0) {
            throw new IllegalArgumentException("autoAdd must be >= 0, got " + autoAdd);
        }
        this.storage = storage;
        this.fanout = fanout;
        this.last = storage.head();
        if (autoAdd == 0) {
            this.autoAdd = null;
        } else {
            Input input = new Input(List.of(), List.of(new Tx.Add(autoAdd)));
            this.autoAdd = new Queued(input, Keccak.hash(input.encode()));
        }
    }
    // end::start[]

    /** The latest committed tick, or {@link Tick#NONE}. Safe to call from any thread. */
    public Tick last() {
        return last;
    }

    /**
     * Calls {@code listener} on the ticking thread after every committed block, in height order,
     * until the returned {@code Runnable} is run.
     */
    public Runnable onTick(Consumer<Tick> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    // tag::submit[]
    /**
     * Admission: checks the whole input and queues it, or throws {@link BadInput} and changes
     * nothing. Returns the input's hash, {@code keccak256(bytes)}. Safe to call from any thread.
     * {@code authorized}: whether the input came with the right API token; without it, an input
     * that needs it gets {@link Unauthorized}. Throws {@link Busy} instead when
     * {@link #MAX_QUEUED_TXS} are already waiting.
     */
    public byte[] submit(byte[] bytes, boolean authorized) {
        Input input = Input.decode(bytes);
        if (!authorized && Server.needsToken(input)) {
            throw new Unauthorized("inputs for the server or a signer need the API token"
                    + " (Authorization: Bearer, or ?token= on the WebSocket); the server"
                    + " printed it at start-up");
        }
        byte[] hash = Keccak.hash(bytes);
        synchronized (queueLock) {
            Server.check(last.state(), input, creating);
            if (queuedTxs + input.txs().size() > MAX_QUEUED_TXS) {
                throw new Busy("busy: " + queuedTxs + " txs are waiting for the next tick;"
                        + " try again shortly");
            }
            enqueue(new Queued(input, hash));
            creating.addAll(Server.creates(input));
        }
        return hash;
    }

    private void enqueue(Queued queued) {
        queue.add(queued);
        queuedTxs += queued.input().txs().size();
    }
    // end::submit[]

    public int queued() {
        synchronized (queueLock) {
            return queue.size();
        }
    }

    // tag::tick[]
    /**
     * One turn of the loop at time {@code now} (milliseconds since the epoch): the queue becomes
     * one mempool, the server applies it, the block is committed, and only then do the
     * listeners hear of it. An empty mempool makes no block, and nothing happens. If the commit
     * fails, nothing is reported and the state stays where it was.
     */
    public synchronized Optional<Tick> tick(long now) {
        List<Queued> batch;
        synchronized (queueLock) {
            if (autoAdd != null) {
                enqueue(autoAdd); // the server's own input: always valid, never "busy"
            }
            batch = queue;
            queue = new ArrayList<>();
            queuedTxs = 0;
        }
        if (batch.isEmpty()) {
            return Optional.empty();
        }
        List<Input> inputs = new ArrayList<>(batch.size());
        List<byte[]> hashes = new ArrayList<>(batch.size());
        for (Queued queued : batch) {
            inputs.add(queued.input());
            hashes.add(queued.hash());
        }
        Mempool mempool = Mempool.fold(inputs);
        Tick tick;
        try {
            Server state = Server.apply(last.state(), mempool, fanout);
            Block block = new Block(last.blockHash(), last.height() + 1,
                    Math.max(now, last.block().timestamp()), mempool, state.hash());
            byte[] rlp = Rlp.encode(block.encode());
            byte[] blockHash = Keccak.hash(rlp);
            // written (and synced) first, with only the signers this block changed...
            storage.commit(blockHash, rlp, block.height(), state, Server.changed(state, mempool));
            tick = new Tick(block, blockHash, hashes, state);
            last = tick; // ...then reported
        } finally {
            // committed, the new signers are in the state; lost, they may be created again
            synchronized (queueLock) {
                for (Input input : inputs) {
                    for (Id id : Server.creates(input)) {
                        creating.remove(id);
                    }
                }
            }
        }
        for (Consumer<Tick> listener : listeners) {
            try {
                listener.accept(tick);
            } catch (RuntimeException e) { // one failing listener must not starve the others
                log.error("a tick listener failed", e);
            }
        }
        return Optional.of(tick);
    }
    // end::tick[]
}
