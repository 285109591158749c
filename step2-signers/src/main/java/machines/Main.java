package machines;

import io.javalin.util.JavalinBindException;
import java.security.SecureRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The command line: runs the server with its visualizer, verifies a chain, or benches. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageError e) {
            System.err.println(Options.STEP + ": " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        switch (options.command()) {
            case "bench":
                Bench.run(options);
                return;
            case "verify":
                System.exit(verify(options));
                return;
            default:
                run(options);
        }
    }

    // tag::run[]
    static void run(Options options) throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        // the calling thread runs one share of the children, the pool the others
        ExecutorService children = Executors.newFixedThreadPool(Math.max(1, cores - 1), daemon());
        String token = options.token() != null ? options.token() : randomToken();
        Storage storage;
        Proposer proposer;
        try {
            storage = Storage.open(options.data(), true, options.sync());
            proposer = new Proposer(storage, options.autoAdd(), Fanout.parallel(children, cores));
        } catch (Storage.Unusable e) {
            System.err.println(Options.STEP + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        Web web;
        try {
            web = new Web(proposer, storage, token).start(options.host(), options.port());
        } catch (JavalinBindException e) {
            System.err.printf("%s: cannot listen on %s:%d: %s%n", Options.STEP, options.host(),
                    options.port(), e.getMessage());
            System.exit(1);
            return;
        }
        Loop loop = new Loop(proposer, options.tickMs());
        System.out.printf("%s: listening on http://%s:%d/ (data %s at height %d, tick %d ms,"
                        + " auto-add %d, sync %s)%n", Options.STEP, options.host(), web.port(),
                options.data(), proposer.last().height(), options.tickMs(), options.autoAdd(),
                options.sync());
        // the only time the token is shown: it is never logged again
        System.out.printf("%s: API token %s: send it as 'Authorization: Bearer <token>';"
                + " the visualizer with it: http://%s:%d/?token=%s%n", Options.STEP, token,
                options.host(), web.port(), token);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            loop.close(); // the tick under way, and its commit, finish first
            web.close();
            children.shutdown();
            storage.close();
            stopped.countDown();
        }));
        stopped.await();
    }
    // end::run[]

    /** 128 random bits as hex: what an unguessable token needs, and URL-safe. */
    static String randomToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Hex.of(bytes).substring(2);
    }

    private static ThreadFactory daemon() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "children-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // tag::verify[]
    /** {@code verify --data DIR}: 0 and a one-line summary, or non-zero naming the first bad height. */
    static int verify(Options options) {
        try (Storage storage = Storage.open(options.data(), false, false)) {
            Verify.Replayed head = Verify.chain(storage);
            System.out.printf("verify: ok: %d blocks in %s, head %s, counter %s%n", head.height(),
                    options.data(), Hex.of(head.blockHash()), head.state().counter());
            return 0;
        } catch (Verify.Failed e) {
            System.out.println("verify: FAILED at " + e.getMessage());
            return 1;
        } catch (Storage.Unusable e) {
            System.out.println("verify: FAILED: " + e.getMessage());
            return 1;
        }
    }
    // end::verify[]
}
