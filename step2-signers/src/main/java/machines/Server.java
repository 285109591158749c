package machines;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * The server machine: the root of the tree, one per process. Its own state is a counter; its
 * children are signers, by id.
 *
 * <p>Everything here is pure: {@link #apply} takes a state and a mempool and returns the next
 * state, with no clock, threads or I/O. (How the children run, one after another or side by
 * side, is a {@link Fanout} the caller hands in; the result does not depend on it.) The
 * proposer loop, the web page and the command line are adapters around it.
 */
public record Server(BigInteger counter, NavigableMap<Id, Signer> signers) {
    public static final Server EMPTY = new Server(BigInteger.ZERO, new TreeMap<>());

    /**
     * The record keeps the map it is given, read-only, without copying it: a copy of 10,000
     * signers every block adds up. Whoever makes a Server hands over a map of its own and
     * changes it no more.
     */
    public Server {
        signers = Collections.unmodifiableNavigableMap(signers);
    }

    // tag::access[]
    /**
     * Inputs for the server or a signer (a path of length 0 or 1) need the API token. Access
     * follows the tree: the higher the machine, the stronger the access it takes to reach it.
     */
    public static boolean needsToken(Input input) {
        return input.path().size() <= 1;
    }
    // end::access[]

    // tag::check[]
    /**
     * Admission, after {@link Input#decode} has read every tx: throws {@link BadInput} unless
     * this state can take the input. {@code creating} holds the ids of signers that queued
     * inputs will create; a second createSigner for one of them is as wrong as for an existing
     * signer. A signer must exist before an input names it: the children apply before the
     * server's own txs, so a signer created in this tick cannot take input in it.
     */
    public static void check(Server state, Input input, Set<Id> creating) {
        List<Id> path = input.path();
        List<Tx> txs = input.txs();
        if (path.size() > 1) {
            throw new BadInput("path 1: signers have no child machines yet, so " + path.get(1)
                    + " names nothing");
        }
        if (path.size() == 1 && !state.signers().containsKey(path.get(0))) {
            throw new BadInput("path 0: there is no signer " + path.get(0)
                    + " (yet): create it with createSigner, then send it input");
        }
        Set<Id> created = new HashSet<>();
        for (int i = 0; i < txs.size(); i++) {
            Tx tx = txs.get(i);
            try {
                if (path.size() == 1) {
                    Signer.read(tx);
                } else if (tx instanceof Tx.CreateSigner create) {
                    Id id = create.id();
                    if (state.signers().containsKey(id)) {
                        throw new BadInput("createSigner: signer " + id + " exists already");
                    }
                    if (creating.contains(id) || !created.add(id)) {
                        throw new BadInput("createSigner: signer " + id
                                + " is already being created");
                    }
                }
            } catch (BadInput e) {
                throw e.at("tx " + i);
            }
        }
    }
    // end::check[]

    /** The ids of the signers an input creates, for {@link #check}'s {@code creating}. */
    public static List<Id> creates(Input input) {
        List<Id> ids = new ArrayList<>();
        if (input.path().isEmpty()) {
            for (Tx tx : input.txs()) {
                if (tx instanceof Tx.CreateSigner create) {
                    ids.add(create.id());
                }
            }
        }
        return ids;
    }

    // tag::apply[]
    /**
     * The machine's step: first every child named in the mempool applies its own mempool,
     * then the server applies its own txs, in order. Pure.
     */
    public static Server apply(Server state, Mempool mempool, Fanout fanout) {
        List<Integer> children = new ArrayList<>(mempool.keys().size());
        for (int i = 0; i < mempool.keys().size(); i++) {
            Id id = mempool.keys().get(i);
            if (!state.signers().containsKey(id)) {
                throw new BadInput("the mempool names " + id + ", which is not a signer");
            }
            children.add(i);
        }
        List<Signer> applied = fanout.map(children, i -> {
            Id id = mempool.keys().get(i);
            try {
                return Signer.apply(state.signers().get(id), mempool.children().get(i));
            } catch (BadInput e) {
                throw e.at("signer " + id);
            }
        });
        NavigableMap<Id, Signer> signers = new TreeMap<>(state.signers());
        for (int i = 0; i < applied.size(); i++) {
            signers.put(mempool.keys().get(i), applied.get(i));
        }
        BigInteger counter = state.counter();
        for (int i = 0; i < mempool.txs().size(); i++) {
            Tx tx = mempool.txs().get(i);
            if (tx instanceof Tx.Add add) {
                counter = counter.add(add.amount());
            } else if (tx instanceof Tx.CreateSigner create) {
                if (signers.putIfAbsent(create.id(), Signer.EMPTY) != null) {
                    throw new BadInput("tx " + i + ": createSigner: signer " + create.id()
                            + " exists already");
                }
            }
        }
        return new Server(counter, signers);
    }
    // end::apply[]

    // tag::changed[]
    /** The signers a mempool changed: those it gave input to, and those it created. */
    public static Map<Id, Signer> changed(Server after, Mempool mempool) {
        Map<Id, Signer> changed = new TreeMap<>();
        for (Id id : mempool.keys()) {
            changed.put(id, after.signers().get(id));
        }
        for (Tx tx : mempool.txs()) {
            if (tx instanceof Tx.CreateSigner create) {
                changed.put(create.id(), after.signers().get(create.id()));
            }
        }
        return changed;
    }
    // end::changed[]

    // tag::hash[]
    /** The server's own state as it is stored, in the root: {@code [counter]}. */
    public RlpList encode() {
        return new RlpList(Rlp.scalar(counter));
    }

    /**
     * {@code stateHash(server) = keccak256(rlp([counter, children]))}, where {@code children}
     * lists {@code [signerId, stateHash(signer)]} sorted by id. Each signer brings its hash
     * along, computed when it last changed; but the list itself has one entry per signer, so
     * this costs more with every signer there is (a Merkle tree would not).
     */
    public byte[] hash() {
        List<RlpType> children = new ArrayList<>(signers.size());
        for (Map.Entry<Id, Signer> signer : signers.entrySet()) {
            children.add(new RlpList(RlpString.create(signer.getKey().bytes()),
                    RlpString.create(signer.getValue().hash())));
        }
        return Keccak.hash(Rlp.encode(new RlpList(Rlp.scalar(counter), new RlpList(children))));
    }
    // end::hash[]

    /** Reads the server's own state, {@code [counter]}; its signers are stored on their own. */
    public static Server decode(RlpType item, NavigableMap<Id, Signer> signers) {
        List<RlpType> parts = Rlp.list(item, "the server's state [counter]");
        if (parts.size() != 1) {
            throw new BadInput("the server's state is [counter], got a list of " + parts.size()
                    + " items");
        }
        return new Server(Rlp.scalar(parts.get(0), "counter"), signers);
    }
}
