package machines;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bench}: how fast inputs go through the real admission path into applied mempools,
 * in-process and over a real WebSocket. It prints figures; tests never assert them.
 */
public final class Bench {
    static final int TXS_PER_INPUT = 5;
    static final int POOL_SIZE = 100_000;
    /** The target: over 1,000,000 txs/s with a p99 tick under 20 ms. */
    static final long TARGET_RATE = 1_000_000;

    /** One measured run: how many txs, how long, and how long each tick took. */
    public record Run(long txs, long nanos, List<Long> tickNanos) {
        double txsPerSecond() {
            return txs * 1e9 / nanos;
        }

        double tickMillis(double quantile) {
            if (tickNanos.isEmpty()) {
                return 0;
            }
            long[] sorted = tickNanos.stream().mapToLong(Long::longValue).sorted().toArray();
            int index = (int) Math.ceil(quantile * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }
    }

    private Bench() {}

    public static void run(Options options) throws Exception {
        System.out.printf("bench: %s, inputs of %d add txs each, tick %d ms, %d cores%n",
                Options.STEP, TXS_PER_INPUT, options.tickMs(),
                Runtime.getRuntime().availableProcessors());
        inProcess(1_000_000, options.tickMs()); // warm-up: let the JIT compile the hot path
        Run local = inProcess(2_000_000, options.tickMs());
        System.out.printf("in-process admission -> applied: %,.0f txs/s (%,d txs in %.2f s)%n",
                local.txsPerSecond(), local.txs(), local.nanos() / 1e9);
        System.out.printf("  tick time at that load:       median %.2f ms, p99 %.2f ms (%d ticks)%n",
                local.tickMillis(0.5), local.tickMillis(0.99), local.tickNanos().size());
        Run paced = inProcess(1_000_000, options.tickMs(), TARGET_RATE);
        System.out.printf("paced at %,d txs/s:          tick median %.2f ms, p99 %.2f ms (%d ticks)%n",
                TARGET_RATE, paced.tickMillis(0.5), paced.tickMillis(0.99), paced.tickNanos().size());
        webSocket(100_000, options.tickMs()); // warm-up
        Run ws = webSocket(400_000, options.tickMs());
        System.out.printf("WebSocket admission -> applied: %,.0f txs/s (%,d txs in %.2f s)%n",
                ws.txsPerSecond(), ws.txs(), ws.nanos() / 1e9);
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
    public static Run inProcess(int count, long tickMs) throws InterruptedException {
        return inProcess(count, tickMs, 0);
    }

    /** The same, no faster than {@code txsPerSecond} (0: as fast as it can). */
    public static Run inProcess(int count, long tickMs, long txsPerSecond)
            throws InterruptedException {
        Pool pool = Pool.of(Math.min(count, POOL_SIZE), 1);
        Proposer proposer = new Proposer(0);
        CountDownLatch done = doneWhen(proposer, pool.total(count));
        ConcurrentLinkedQueue<Long> ticks = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        try (Loop loop = new Loop(proposer, tickMs, ticks::add)) {
            for (int i = 0; i < count; i++) {
                if (txsPerSecond > 0 && i % 100 == 0) {
                    long due = start + (long) i * TXS_PER_INPUT * 1_000_000_000L / txsPerSecond;
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                submitWhenRoom(proposer, pool.input(i));
            }
            await(done);
        }
        return new Run((long) count * TXS_PER_INPUT, System.nanoTime() - start, List.copyOf(ticks));
    }
    // end::in-process[]

    /** The same over {@code /ws}, from a client in this process, not waiting between frames. */
    public static Run webSocket(int count, long tickMs) throws Exception {
        Pool pool = Pool.of(Math.min(count, POOL_SIZE), 2);
        Proposer proposer = new Proposer(0);
        CountDownLatch done = doneWhen(proposer, pool.total(count));
        try (Web web = new Web(proposer).start("127.0.0.1", 0);
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

    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("bench did not finish in 5 minutes");
        }
    }

    /** Counts "accepted" answers; tick events and other frames are read and dropped. */
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
