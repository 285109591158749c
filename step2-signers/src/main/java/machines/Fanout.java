package machines;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * How a machine applies its children's mempools: "send to all, then collect". Each child's
 * step depends only on that child's state and mempool, never on a sibling's, so the children
 * may run one after another or side by side, and the result is the same; a test holds every
 * way to that.
 */
public interface Fanout {
    /** {@code step} applied to every item, the results in the items' order. */
    <T, R> List<R> map(List<T> items, Function<T, R> step);

    /** One after another, on the calling thread. */
    static Fanout sequential() {
        return new Fanout() {
            @Override
            public <T, R> List<R> map(List<T> items, Function<T, R> step) {
                List<R> results = new ArrayList<>(items.size());
                for (T item : items) {
                    results.add(step.apply(item));
                }
                return results;
            }
        };
    }

    // tag::parallel[]
    /**
     * Side by side: the items in {@code ways} contiguous runs, all but the first on
     * {@code pool}, the first on the calling thread, which then collects the others in order.
     */
    static Fanout parallel(ExecutorService pool, int ways) {
        Fanout sequential = sequential();
        return new Fanout() {
            @Override
            public <T, R> List<R> map(List<T> items, Function<T, R> step) {
                int runs = Math.min(ways, items.size());
                if (runs < 2) {
                    return sequential.map(items, step);
                }
                List<Future<List<R>>> others = new ArrayList<>(runs - 1);
                for (int run = 1; run < runs; run++) {
                    List<T> part = run(items, run, runs);
                    others.add(pool.submit(() -> sequential.map(part, step)));
                }
                List<R> results = new ArrayList<>(sequential.map(run(items, 0, runs), step));
                for (Future<List<R>> other : others) {
                    results.addAll(collect(other));
                }
                return results;
            }
        };
    }
    // end::parallel[]

    private static <T> List<T> run(List<T> items, int run, int runs) {
        return items.subList(run * items.size() / runs, (run + 1) * items.size() / runs);
    }

    private static <R> R collect(Future<R> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // a child's BadInput, as if it had run here
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying children", e);
        }
    }
}
