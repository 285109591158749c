package machines;

import io.javalin.util.JavalinBindException;
import java.util.concurrent.CountDownLatch;

/** The command line: runs the server with its visualizer, or the bench. */
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
        if (options.command().equals("bench")) {
            Bench.run(options);
            return;
        }
        run(options);
    }

    // tag::run[]
    static void run(Options options) throws InterruptedException {
        Proposer proposer = new Proposer(options.autoAdd());
        Web web;
        try {
            web = new Web(proposer).start(options.host(), options.port());
        } catch (JavalinBindException e) {
            System.err.printf("%s: cannot listen on %s:%d: %s%n", Options.STEP, options.host(),
                    options.port(), e.getMessage());
            System.exit(1);
            return;
        }
        Loop loop = new Loop(proposer, options.tickMs());
        System.out.printf("%s: listening on http://%s:%d/ (tick %d ms, auto-add %d)%n",
                Options.STEP, options.host(), web.port(), options.tickMs(), options.autoAdd());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            loop.close();
            web.close();
            stopped.countDown();
        }));
        stopped.await();
    }
    // end::run[]
}
