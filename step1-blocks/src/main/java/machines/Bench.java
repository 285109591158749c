package machines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;
import org.iq80.leveldb.impl.Iq80DBFactory;

/**
 * {@code bench}: how fast inputs go through the real admission path into committed blocks,
 * in-process and over a real WebSocket, with the disk synced and not, and what committing a
 * block costs next to a raw LevelDB write of the same bytes. It prints figures; tests never
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
        inProcess(1_000_000, options.tickMs(), true); // warm-up: let the JIT compile the hot path
        for (boolean sync : new boolean[] {true, false}) {
            Run run = inProcess(2_000_000, options.tickMs(), sync);
            System.out.printf("in-process admission -> committed, sync %-5s %,12.0f txs/s"
                    + " (%,d txs in %.2f s); tick median %.1f ms, p99 %.1f ms%n", sync + ":",
                    run.txsPerSecond(), run.txs(), run.nanos() / 1e9, run.tickMillis(0.5),
                    run.tickMillis(0.99));
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
        webSocket(100_000, options.tickMs()); // warm-up
        Run ws = webSocket(400_000, options.tickMs());
        System.out.printf("WebSocket admission -> committed, sync on: %,12.0f txs/s"
                + " (%,d txs in %.2f s)%n", ws.txsPerSecond(), ws.txs(), ws.nanos() / 1e9);
    }

    /** A pool of distinct inputs, sent round and round; {@code sum} is what one round adds. */
    record Pool(List<byte[]> inputs, BigInteger sum) {
        static Pool of(int size, long seed) {
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
                inputs.add(new Input(List.of(), Arrays.asList(txs)).encode());
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

    // tag::in-process[]
    /** One thread submits {@code count} inputs as fast as it can while the real loop ticks. */
    public static Run inProcess(int count, long tickMs, boolean sync) throws IOException {
        Pool pool = Pool.of(Math.min(count, POOL_SIZE), 1);
        Path dir = Files.createTempDirectory("bench-" + Options.STEP);
        try (Storage storage = Storage.open(dir, true, sync)) {
            Proposer proposer = new Proposer(storage, 0);
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
            Proposer proposer = new Proposer(storage, 1); // its own add: one tx a block
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
                state = Server.apply(state, mempool);
                Block block = new Block(prevHash, height, height, mempool, state.hash());
                byte[] rlp = Rlp.encode(block.encode());
                byte[] hash = Keccak.hash(rlp);
                blockBytes = rlp.length;

                long start = System.nanoTime();
                storage.commit(hash, rlp, height, state);
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

    /** The same over {@code /ws}, from a client in this process, not waiting between frames. */
    public static Run webSocket(int count, long tickMs) throws Exception {
        Pool pool = Pool.of(Math.min(count, POOL_SIZE), 2);
        Path dir = Files.createTempDirectory("bench-" + Options.STEP);
        try (Storage storage = Storage.open(dir, true, true)) {
            Proposer proposer = new Proposer(storage, 0);
            CountDownLatch done = doneWhen(proposer, pool.total(count));
            try (Web web = new Web(proposer, storage).start("127.0.0.1", 0);
                    Loop loop = new Loop(proposer, tickMs)) {
                CountDownLatch answered = new CountDownLatch(count);
                WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                        .buildAsync(URI.create("ws://127.0.0.1:" + web.port() + "/ws"),
                                new CountingListener(answered))
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
                proposer.submit(input);
                return;
            } catch (Proposer.Busy e) {
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    private static CountDownLatch doneWhen(Proposer proposer, BigInteger counter) {
        CountDownLatch done = new CountDownLatch(1);
        proposer.onTick(tick -> {
            if (tick.state().counter().equals(counter)) {
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
