package machines;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proposer loop's clock: calls {@link Proposer#tick} every {@code tickMs} milliseconds on
 * one thread of its own, with the wall-clock time. The only place in the step that reads it.
 */
public final class Loop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Loop.class);

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            runnable -> {
                Thread t = new Thread(runnable, "proposer-loop");
                t.setDaemon(true);
                return t;
            });

    // tag::loop[]
    /** Starts ticking; {@code tickNanos} hears how long each tick that applied a mempool took. */
    public Loop(Proposer proposer, long tickMs, LongConsumer tickNanos) {
        thread.scheduleAtFixedRate(() -> {
            long start = System.nanoTime();
            try {
                if (proposer.tick(System.currentTimeMillis()).isPresent()) {
                    tickNanos.accept(System.nanoTime() - start);
                }
            } catch (RuntimeException e) {
                // A failing tick is a bug, but the loop must keep going: an exception escaping
                // here would cancel every later tick.
                log.error("tick failed; the loop goes on", e);
            }
        }, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }
    // end::loop[]

    public Loop(Proposer proposer, long tickMs) {
        this(proposer, tickMs, nanos -> {});
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
