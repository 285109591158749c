package machines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;
import org.iq80.leveldb.impl.Iq80DBFactory;

/**
 * {@code bench}: how fast inputs go through the real admission path into committed blocks,
 * in-process spread over 1, 100 and 10,000 signers with the disk synced and not, and over a
 * real WebSocket to 100 signers; what committing a block costs next to a raw LevelDB write of the same bytes;
 * what a block costs when it touches one signer of 10,000 and when it touches all of them; and
 * children applied one after another against side by side. It prints figures; tests never
 * assert them.
 */
public final class Bench {
    static final int TXS_PER_INPUT = 5;
    static final int POOL_SIZE = 100_000;

    /** One measured run: how many txs, how long, and how long each tick took. */
    public record Run(long txs, long nanos, List<Long> tickNanos) {
        double txsPerSecond() {
            return txs * 1e9 / nanos;
        }

        double tickMillis(double quantile) {
            return millis(tickNanos, quantile);
        }
    }

    private Bench() {}

    public static void run(Options options) throws Exception {
        System.out.printf("bench: %s, inputs of %d add txs each, tick %d ms, %d cores, data in %s%n",
                Options.STEP, TXS_PER_INPUT, options.tickMs(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.io.tmpdir"));
        inProcess(1_000_000, options.tickMs(), true, 100); // warm-up: let the JIT compile
        for (int signers : new int[] {1, 100, 10_000}) {
            for (boolean sync : new boolean[] {true, false}) {
                Run run = inProcess(2_000_000, options.tickMs(), sync, signers);
                System.out.printf("in-process admission -> committed, %,6d signers, sync %-5s"
                        + " %,12.0f txs/s (%,d txs in %.2f s); tick median %.1f ms, p99 %.1f ms%n",
                        signers, sync + ":", run.txsPerSecond(), run.txs(), run.nanos() / 1e9,
                        run.tickMillis(0.5), run.tickMillis(0.99));
            }
        }
        for (boolean sync : new boolean[] {true, false}) {
            System.out.printf("one-tx blocks back to back, sync %-5s %,12.0f blocks/s%n",
                    sync + ":", blocksPerSecond(sync ? 500 : 5_000, sync));
        }
        for (int txs : new int[] {1, 50_000}) {
            Commits commits = commitVsRaw(txs, txs == 1 ? 500 : 60);
            System.out.printf("commit of a %,d-tx block (%,d bytes), sync on: median %.2f ms,"
                    + " p99 %.2f ms; raw LevelDB batch of the same bytes: median %.2f ms;"
                    + " overhead %.2fx%n", txs, commits.blockBytes(),
                    millis(commits.commitNanos(), 0.5), millis(commits.commitNanos(), 0.99),
                    millis(commits.rawNanos(), 0.5), commits.overhead());
        }
        for (int dirty : new int[] {1, 10_000}) {
            Touched touched = touching(10_000, dirty, 30);
            System.out.printf("a block touching %,6d of 10,000 signers: apply %.2f ms,"
                    + " state hash %.2f ms, commit %.2f ms (medians); signer states written: %,d%n",
                    dirty, millis(touched.applyNanos(), 0.5), millis(touched.hashNanos(), 0.5),
                    millis(touched.commitNanos(), 0.5), dirty);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, cores() - 1));
        try {
            for (int signers : new int[] {100, 10_000}) {
                double sequential = applyMillis(signers, 200_000, Fanout.sequential());
                double parallel = applyMillis(signers, 200_000, Fanout.parallel(pool, cores()));
                System.out.printf("applying 200,000 txs to %,6d signers: one after another %.1f"
                        + " ms, side by side on %d cores %.1f ms (%.2fx)%n", signers, sequential,
                        cores(), parallel, sequential / parallel);
            }
        } finally {
            pool.shutdown();
        }
        webSocket(100_000, options.tickMs()); // warm-up
        Run ws = webSocket(400_000, options.tickMs());
        System.out.printf("WebSocket admission -> committed, 100 signers, sync on: %,12.0f txs/s"
                + " (%,d txs in %.2f s)%n", ws.txsPerSecond(), ws.txs(), ws.nanos() / 1e9);
    }

    /**
     * A pool of distinct inputs, sent round and round, input {@code i} to signer
     * {@code i % signers}; {@code sum} is what one round adds.
     */
    record Pool(List<byte[]> inputs, BigInteger sum) {
        static Pool of(int size, long seed, List<Id> signers) {
            Random random = new Random(seed);
            List<byte[]> inputs = new ArrayList<>(size);
            BigInteger sum = BigInteger.ZERO;
            for (int i = 0; i < size; i++) {
                Tx[] txs = new Tx[TXS_PER_INPUT];
                for (int j = 0; j < txs.length; j++) {
                    long amount = 1 + random.nextInt(1_000_000);
                    sum = sum.add(BigInteger.valueOf(amount));
                    txs[j] = new Tx.Add(amount);
                }
                List<Id> path = List.of(signers.get(i % signers.size()));
                inputs.add(new Input(path, Arrays.asList(txs)).encode());
            }
            return new Pool(inputs, sum);
        }

        byte[] input(int i) {
            return inputs.get(i % inputs.size());
        }

        /** The counter after {@code count} inputs from the start of the pool, round and round. */
        BigInteger total(int count) {
            BigInteger total = sum.multiply(BigInteger.valueOf(count / inputs.size()));
            for (int i = 0; i < count % inputs.size(); i++) {
                total = total.add(Input.decode(inputs.get(i)).txs().stream()
                        .map(tx -> ((Tx.Add) tx).amount()).reduce(BigInteger.ZERO, BigInteger::add));
            }
            return total;
        }
    }

    /** {@code count} signer ids, the same in every run. */
    static List<Id> ids(int count) {
        List<Id> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(Id.of(Keccak.hash(("signer " + i).getBytes(StandardCharsets.UTF_8))));
        }
        return ids;
    }

    /** Creates the signers in one block. */
    static void create(Proposer proposer, List<Id> ids, long now) {
        List<Tx> creates = new ArrayList<>();
        for (Id id : ids) {
            creates.add(new Tx.CreateSigner(id));
        }
        proposer.submit(new Input(List.of(), creates).encode(), true);
        proposer.tick(now);
    }

    /** The sum of all signers' counters: what the bench's inputs add up to. */
    static BigInteger signersTotal(Server state) {
        return state.signers().values().stream().map(Signer::counter)
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    private static Proposer proposer(Storage storage, long autoAdd) {
        return new Proposer(storage, autoAdd, Fanout.sequential());
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    // tag::in-process[]
    /**
     * One thread submits {@code count} inputs, spread over {@code signers} signers, as fast as
     * it can while the real loop ticks.
     */
    public static Run inProcess(int count, long tickMs, boolean sync, int signers)
            throws IOException {
        List<Id> ids = ids(signers);
        Pool pool = Pool.of(Math.min(count, POOL_SIZE), 1, ids);
        Path dir = Files.createTempDirectory("bench-" + Options.STEP);
        try (Storage storage = Storage.open(dir, true, sync)) {
            Proposer proposer = proposer(storage, 0);
            create(proposer, ids, 0);
            CountDownLatch done = doneWhen(proposer, pool.total(count));
            ConcurrentLinkedQueue<Long> ticks = new ConcurrentLinkedQueue<>();
            long start = System.nanoTime();
            try (Loop loop = new Loop(proposer, tickMs, ticks::add)) {
                for (int i = 0; i < count; i++) {
                    submitWhenRoom(proposer, pool.input(i));
                }
                await(done);
            }
            return new Run((long) count * TXS_PER_INPUT, System.nanoTime() - start,
                    List.copyOf(ticks));
        } finally {
            delete(dir);
        }
    }
    // end::in-process[]

    /** Blocks of one tx each, committed one after another with no tick period in between. */
    public static double blocksPerSecond(int blocks, boolean sync) throws IOException {
        Path dir = Files.createTempDirectory("bench-" + Options.STEP);
        try (Storage storage = Storage.open(dir, true, sync)) {
            Proposer proposer = proposer(storage, 1); // its own add: one tx a block
            long start = System.nanoTime();
            for (int i = 0; i < blocks; i++) {
                proposer.tick(i);
            }
            return blocks * 1e9 / (System.nanoTime() - start);
        } finally {
            delete(dir);
        }
    }

    /** Commit times, and raw write times of the same bytes, for blocks of one size. */
    record Commits(int blockBytes, List<Long> commitNanos, List<Long> rawNanos) {
        double overhead() {
            return millis(commitNanos, 0.5) / millis(rawNanos, 0.5);
        }
    }

    // tag::commit-vs-raw[]
    /**
     * Commits {@code count} blocks of {@code txs} txs each with {@link Storage#commit}, and
     * writes the same three entries (block, index, root) with a plain LevelDB batch into a
     * second database opened the same way; both synced, in turns, in the same run. The raw
     * write is the floor: what any design must pay to store those bytes.
     */
    static Commits commitVsRaw(int txs, int count) throws IOException {
        Path dir = Files.createTempDirectory("bench-" + Options.STEP);
        Path rawDir = Files.createTempDirectory("bench-raw-" + Options.STEP);
        List<Long> commits = new ArrayList<>();
        List<Long> raws = new ArrayList<>();
        int blockBytes = 0;
        try (Storage storage = Storage.open(dir, true, true);
                DB raw = Iq80DBFactory.factory.open(rawDir.toFile(), Storage.options())) {
            Tx[] adds = new Tx[txs];
            Arrays.fill(adds, new Tx.Add(1));
            Mempool mempool = new Mempool(List.of(), List.of(), Arrays.asList(adds));
            Server state = Server.EMPTY;
            byte[] prevHash = Block.ZERO_HASH;
            for (int height = 1; height <= count; height++) {
                state = Server.apply(state, mempool, Fanout.sequential());
                Block block = new Block(prevHash, height, height, mempool, state.hash());
                byte[] rlp = Rlp.encode(block.encode());
                byte[] hash = Keccak.hash(rlp);
                blockBytes = rlp.length;

                long start = System.nanoTime();
                storage.commit(hash, rlp, height, state, Map.of());
                commits.add(System.nanoTime() - start);

                byte[] root = Rlp.encode(new Storage.Root(hash, height, state).encode());
                start = System.nanoTime();
                try (WriteBatch batch = raw.createWriteBatch()) {
                    batch.put(hash, rlp);
                    batch.put(Storage.indexKey(height), hash);
                    batch.put(new byte[] {0}, root);
                    raw.write(batch, new WriteOptions().sync(true));
                }
                raws.add(System.nanoTime() - start);
                prevHash = hash;
            }
        } finally {
            delete(dir);
            delete(rawDir);
        }
        return new Commits(blockBytes, commits, raws);
    }
    // end::commit-vs-raw[]

    /** Times for one block's steps, when it touches some of the signers. */
    record Touched(List<Long> applyNanos, List<Long> hashNanos, List<Long> commitNanos) {}

    // tag::touching[]
    /**
     * Blocks that give one add to each of {@code dirty} signers out of {@code signers}: how
     * long the apply, the state hash and the commit take. Only the signers a block touched are
     * hashed again and written; the state hash still lists every signer's hash.
     */
    static Touched touching(int signers, int dirty, int blocks) throws IOException {
        List<Id> ids = ids(signers);
        Path dir = Files.createTempDirectory("bench-" + Options.STEP);
        Touched touched = new Touched(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (Storage storage = Storage.open(dir, true, true)) {
            Proposer proposer = proposer(storage, 0);
            create(proposer, ids, 0);
            Server state = proposer.last().state();
            List<Input> inputs = new ArrayList<>();
            for (Id id : ids.subList(0, dirty)) {
                inputs.add(new Input(List.of(id), List.of(new Tx.Add(1))));
            }
            Mempool mempool = Mempool.fold(inputs);
            byte[] prevHash = proposer.last().blockHash();
            for (int height = 2; height < 2 + blocks; height++) {
                long start = System.nanoTime();
                state = Server.apply(state, mempool, Fanout.sequential());
                long applied = System.nanoTime();
                byte[] stateHash = state.hash();
                long hashed = System.nanoTime();
                Block block = new Block(prevHash, height, height, mempool, stateHash);
                byte[] rlp = Rlp.encode(block.encode());
                byte[] hash = Keccak.hash(rlp);
                long encoded = System.nanoTime();
                storage.commit(hash, rlp, height, state, Server.changed(state, mempool));
                long committed = System.nanoTime();
                touched.applyNanos().add(applied - start);
                touched.hashNanos().add(hashed - applied);
                touched.commitNanos().add(committed - encoded);
                prevHash = hash;
            }
        } finally {
            delete(dir);
        }
        return touched;
    }
    // end::touching[]

    /** The median time to apply {@code txs} adds spread over {@code signers} signers. */
    static double applyMillis(int signers, int txs, Fanout fanout) {
        List<Id> ids = ids(signers);
        NavigableMap<Id, Signer> empty = new TreeMap<>();
        for (Id id : ids) {
            empty.put(id, Signer.EMPTY);
        }
        Server state = new Server(BigInteger.ZERO, empty);
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < signers; i++) {
            Tx[] adds = new Tx[txs / signers];
            Arrays.fill(adds, new Tx.Add(1 + i));
            inputs.add(new Input(List.of(ids.get(i)), Arrays.asList(adds)));
        }
        Mempool mempool = Mempool.fold(inputs);
        List<Long> nanos = new ArrayList<>();
        for (int round = 0; round < 25; round++) {
            long start = System.nanoTime();
            Server.apply(state, mempool, fanout);
            nanos.add(System.nanoTime() - start);
        }
        return millis(nanos.subList(5, nanos.size()), 0.5); // the first rounds warm the JIT
    }

    /** The same over {@code /ws}, from a client in this process, not waiting between frames. */
    public static Run webSocket(int count, long tickMs) throws Exception {
        List<Id> ids = ids(100);
        Pool pool = Pool.of(Math.min(count, POOL_SIZE), 2, ids);
        Path dir = Files.createTempDirectory("bench-" + Options.STEP);
        try (Storage storage = Storage.open(dir, true, true)) {
            Proposer proposer = proposer(storage, 0);
            create(proposer, ids, 0);
            CountDownLatch done = doneWhen(proposer, pool.total(count));
            String token = Main.randomToken();
            try (Web web = new Web(proposer, storage, token).start("127.0.0.1", 0);
                    Loop loop = new Loop(proposer, tickMs)) {
                CountDownLatch answered = new CountDownLatch(count);
                WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                        .buildAsync(URI.create("ws://127.0.0.1:" + web.port() + "/ws?token="
                                + token), new CountingListener(answered))
                        .join();
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    socket.sendBinary(ByteBuffer.wrap(pool.input(i)), true).join();
                }
                await(answered);
                await(done);
                long nanos = System.nanoTime() - start;
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
                return new Run((long) count * TXS_PER_INPUT, nanos, List.of());
            }
        } finally {
            delete(dir);
        }
    }

    /** Admission says "busy" when the loop is behind; a client waits a moment and resends. */
    private static void submitWhenRoom(Proposer proposer, byte[] input) {
        while (true) {
            try {
                proposer.submit(input, true);
                return;
            } catch (Proposer.Busy e) {
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    private static CountDownLatch doneWhen(Proposer proposer, BigInteger counter) {
        CountDownLatch done = new CountDownLatch(1);
        proposer.onTick(tick -> {
            if (signersTotal(tick.state()).equals(counter)) {
                done.countDown();
            }
        });
        return done;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("bench did not finish in 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench interrupted", e);
        }
    }

    static double millis(List<Long> nanos, double quantile) {
        if (nanos.isEmpty()) {
            return 0;
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Counts "accepted" answers; block events and other frames are read and dropped. */
    private static final class CountingListener implements WebSocket.Listener {
        private final CountDownLatch answered;
        private final StringBuilder frame = new StringBuilder();

        CountingListener(CountDownLatch answered) {
            this.answered = answered;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                if (frame.indexOf("\"type\":\"accepted\"") >= 0) {
                    answered.countDown();
                } else if (frame.indexOf("\"type\":\"error\"") >= 0) {
                    throw new IllegalStateException("bench input rejected: " + frame);
                }
                frame.setLength(0);
            }
            socket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
