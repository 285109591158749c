package machines;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web adapter (SPEC section 6): the visualizer at {@code /}, the JSON API, and {@code /ws},
 * which pushes one event per committed block and takes binary RLP inputs. It only translates:
 * every decision is the {@link Proposer}'s, and every block it shows comes from storage.
 *
 * <p>It also checks the API token: {@code Authorization: Bearer <token>} on HTTP, {@code ?token=}
 * on the WebSocket's URL, compared in constant time. Reading is open to all; which inputs need
 * the token is admission's rule ({@link Server#needsToken}). A wrong token is refused whatever
 * the input.
 */
public final class Web implements AutoCloseable {
    /** Inputs over 1 MiB are refused before they are read. */
    public static final int MAX_INPUT = 1 << 20;

    private static final Logger log = LoggerFactory.getLogger(Web.class);
    private static final String WRONG_TOKEN = "wrong API token";

    /** What a request showed of the API token. */
    enum Access { NONE, RIGHT, WRONG }

    private final Proposer proposer;
    private final Storage storage;
    private final byte[] token;
    private final History history;
    private final Set<WsContext> sockets = ConcurrentHashMap.newKeySet();
    /** Events are written and sent here, so a slow client never slows the loop. */
    private final ExecutorService broadcaster = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "web-broadcast");
        t.setDaemon(true);
        return t;
    });
    private final Javalin app;
    private final Runnable stopListening;

    public Web(Proposer proposer, Storage storage, String token) {
        this.proposer = proposer;
        this.storage = storage;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.history = new History(storage);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_INPUT;
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.jetty.modifyWebSocketServletFactory(factory -> {
                // Frames up to twice the limit still get a JSON answer; beyond, Jetty closes.
                factory.setMaxBinaryMessageSize(2L * MAX_INPUT);
                factory.setIdleTimeout(Duration.ofHours(1));
            });
            config.routes.get("/api/state", ctx -> ctx.json(Json.state(proposer.last())));
            config.routes.post("/api/inputs", this::postInput);
            config.routes.get("/api/blocks/{height}", this::getBlock);
            config.routes.ws("/ws", ws -> {
                ws.onConnect(this::wsConnect);
                ws.onClose(sockets::remove);
                ws.onError(sockets::remove);
                ws.onBinaryMessage(this::wsInput);
                ws.onMessage(ctx -> ctx.send(wsError(HttpStatus.BAD_REQUEST,
                        "send inputs as binary frames of RLP, not text")));
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
                        .json(Json.error("internal error: " + e));
            });
        });
        stopListening = proposer.onTick(tick -> {
            if (!sockets.isEmpty()) {
                broadcaster.execute(() -> broadcast(Json.write(Json.blockEvent(tick))));
            }
        });
    }

    public Web start(String host, int port) {
        app.start(host, port);
        return this;
    }

    /** The port it listens on (useful after starting on port 0). */
    public int port() {
        return app.port();
    }

    // tag::post[]
    private void postInput(Context ctx) {
        if (ctx.contentLength() > MAX_INPUT) {
            ctx.status(HttpStatus.CONTENT_TOO_LARGE).json(Json.error(tooLarge(ctx.contentLength())));
            return;
        }
        byte[] body;
        try {
            body = ctx.bodyAsBytes(); // also stops a body without a length at the limit
        } catch (HttpResponseException e) {
            ctx.status(e.getStatus()).json(Json.error(tooLarge(-1)));
            return;
        }
        String authorization = ctx.header("Authorization");
        // the scheme's name is case-insensitive (RFC 7235), the token is not
        Access access = authorization == null ? Access.NONE
                : authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? access(authorization.substring(7)) : Access.WRONG;
        if (access == Access.WRONG) {
            ctx.status(HttpStatus.UNAUTHORIZED).json(Json.error(WRONG_TOKEN));
            return;
        }
        try {
            byte[] hash = proposer.submit(body, access == Access.RIGHT);
            ctx.status(HttpStatus.ACCEPTED).json(Json.object("accepted", true, "hash", Hex.of(hash)));
        } catch (Unauthorized e) {
            ctx.status(HttpStatus.UNAUTHORIZED).json(Json.error(e.getMessage()));
        } catch (BadInput e) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Json.error(e.getMessage()));
        } catch (Proposer.Busy e) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .json(Json.error(e.getMessage()));
        }
    }
    // end::post[]

    // tag::block[]
    /** A committed block, with the counter after it: the time machine replays to find it. */
    private void getBlock(Context ctx) throws Verify.Failed {
        long height;
        try {
            height = Long.parseLong(ctx.pathParam("height"));
        } catch (NumberFormatException e) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Json.error("height must be a whole number, got '"
                    + ctx.pathParam("height") + "'"));
            return;
        }
        if (height < 1 || height > proposer.last().height()) {
            ctx.status(HttpStatus.NOT_FOUND).json(Json.error("no block at height " + height
                    + "; the chain is at " + proposer.last().height()));
            return;
        }
        byte[] hash = storage.hashAt(height).orElseThrow();
        byte[] rlp = storage.block(hash).orElseThrow();
        Server after = history.at(height).state();
        ctx.json(Json.block(Block.decode(rlp), hash, rlp, after));
    }
    // end::block[]

    // tag::access[]
    /** Whether {@code presented} is the token, compared in constant time. */
    private Access access(String presented) {
        if (presented == null) {
            return Access.NONE;
        }
        return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))
                ? Access.RIGHT : Access.WRONG;
    }
    // end::access[]

    // tag::ws-connect[]
    private void wsConnect(WsContext ctx) {
        Access access = access(ctx.queryParam("token"));
        ctx.attribute(Access.class.getName(), access);
        sockets.add(ctx);
        if (access == Access.WRONG) {
            ctx.send(wsError(HttpStatus.UNAUTHORIZED, WRONG_TOKEN
                    + "; this connection can watch, but its inputs will be refused"));
        }
    }
    // end::ws-connect[]

    // tag::ws[]
    private void wsInput(WsBinaryMessageContext ctx) {
        ByteBuffer data = ctx.data();
        Access access = ctx.attribute(Access.class.getName());
        String answer;
        if (access == Access.WRONG) {
            answer = wsError(HttpStatus.UNAUTHORIZED, WRONG_TOKEN);
        } else if (data.remaining() > MAX_INPUT) {
            answer = wsError(HttpStatus.CONTENT_TOO_LARGE, tooLarge(data.remaining()));
        } else {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            try {
                answer = Json.write(Json.object("type", "accepted",
                        "hash", Hex.of(proposer.submit(bytes, access == Access.RIGHT))));
            } catch (Unauthorized e) {
                answer = wsError(HttpStatus.UNAUTHORIZED, e.getMessage());
            } catch (BadInput e) {
                answer = wsError(HttpStatus.BAD_REQUEST, e.getMessage());
            } catch (Proposer.Busy e) {
                answer = wsError(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
            }
        }
        ctx.send(answer);
    }

    /** An error frame, with the HTTP status the same error gets on {@code POST /api/inputs}. */
    private static String wsError(HttpStatus status, String message) {
        return Json.write(Json.object("type", "error", "status", status.getCode(),
                "error", message));
    }
    // end::ws[]

    private static String tooLarge(long size) {
        return (size < 0 ? "the input" : "the input of " + size + " bytes")
                + " is over the limit of 1 MiB (" + MAX_INPUT + " bytes)";
    }

    private void broadcast(String event) {
        for (WsContext socket : sockets) {
            if (socket.session.isOpen()) {
                socket.send(event);
            }
        }
    }

    @Override
    public void close() {
        stopListening.run();
        app.stop();
        broadcaster.shutdown();
        try {
            broadcaster.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
