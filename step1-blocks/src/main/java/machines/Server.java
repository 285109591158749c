package machines;

import java.math.BigInteger;
import java.util.List;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpType;

/**
 * The server machine: the root of the tree, one per process. Its whole state is a counter, and
 * it has no children yet.
 *
 * <p>Everything here is pure: {@link #apply} takes a state and a mempool and returns the next
 * state, with no clock, threads or I/O. The proposer loop, the web page and the command line are
 * adapters around it.
 */
public record Server(BigInteger counter) {
    public static final Server EMPTY = new Server(BigInteger.ZERO);

    // tag::check[]
    /**
     * Admission, after {@link Input#decode} has read every tx: throws {@link BadInput} unless
     * this state can take the input. Until the server has children, the only question is the path.
     */
    public static void check(Server state, Input input) {
        if (!input.path().isEmpty()) {
            throw new BadInput("path 0: the server has no child machines yet, so "
                    + input.path().get(0) + " names nothing");
        }
    }
    // end::check[]

    // tag::apply[]
    /** The machine's step: the state after applying one mempool. Pure. */
    public static Server apply(Server state, Mempool mempool) {
        if (!mempool.keys().isEmpty()) {
            throw new BadInput("the server has no child machines yet, but the mempool names "
                    + mempool.keys().get(0));
        }
        BigInteger counter = state.counter();
        for (Tx tx : mempool.txs()) {
            if (tx instanceof Tx.Add add) {
                counter = counter.add(add.amount());
            }
        }
        return new Server(counter);
    }
    // end::apply[]

    // tag::hash[]
    /** The server's own state as it is stored: {@code [counter]} (SPEC section 4). */
    public RlpList encode() {
        return new RlpList(Rlp.scalar(counter));
    }

    /** {@code stateHash(server) = keccak256(rlp([counter]))}: what a block commits to. */
    public byte[] hash() {
        return Keccak.hash(Rlp.encode(encode()));
    }
    // end::hash[]

    public static Server decode(RlpType item) {
        List<RlpType> parts = Rlp.list(item, "the server's state [counter]");
        if (parts.size() != 1) {
            throw new BadInput("the server's state is [counter], got a list of " + parts.size()
                    + " items");
        }
        return new Server(Rlp.scalar(parts.get(0), "counter"));
    }
}
