package machines;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * One tick's worth of input for one machine, as the single RLP value {@code [keys, values]}
 * (SPEC section 3): {@code keys} are the sorted, unique ids of the children with input this
 * tick; the first {@code keys.size()} values are those children's mempools (the same shape, one
 * level down), the rest are the machine's own transactions in arrival order.
 *
 * <p>Here the two kinds of values are kept apart, {@code children} and {@code txs}, and put
 * together again by {@link #encode}.
 */
public record Mempool(List<Id> keys, List<Mempool> children, List<Tx> txs) {
    public static final Mempool EMPTY = new Mempool(List.of(), List.of(), List.of());

    public Mempool {
        keys = List.copyOf(keys);
        children = List.copyOf(children);
        txs = List.copyOf(txs);
        if (keys.size() != children.size()) {
            throw new IllegalArgumentException(keys.size() + " keys but " + children.size()
                    + " child mempools");
        }
    }

    public boolean isEmpty() {
        return keys.isEmpty() && txs.isEmpty();
    }

    /** Transactions in this mempool and all the ones below it. */
    public int txCount() {
        int count = txs.size();
        for (Mempool child : children) {
            count += child.txCount();
        }
        return count;
    }

    // tag::fold[]
    /** Folds queued inputs, in arrival order, into the mempool of the machine they start at. */
    public static Mempool fold(List<Input> inputs) {
        return fold(inputs, 0);
    }

    private static Mempool fold(List<Input> inputs, int depth) {
        List<Tx> own = new ArrayList<>();
        Map<Id, List<Input>> byChild = new TreeMap<>(); // sorted keys, as the contract says
        for (Input input : inputs) {
            if (input.path().size() == depth) {
                own.addAll(input.txs());
            } else {
                byChild.computeIfAbsent(input.path().get(depth), id -> new ArrayList<>()).add(input);
            }
        }
        List<Mempool> children = new ArrayList<>(byChild.size());
        for (List<Input> childInputs : byChild.values()) {
            children.add(fold(childInputs, depth + 1));
        }
        return new Mempool(new ArrayList<>(byChild.keySet()), children, own);
    }
    // end::fold[]

    // tag::encode[]
    public RlpList encode() {
        List<RlpType> ids = new ArrayList<>(keys.size());
        for (Id key : keys) {
            ids.add(RlpString.create(key.bytes()));
        }
        List<RlpType> values = new ArrayList<>(children.size() + txs.size());
        for (Mempool child : children) {
            values.add(child.encode());
        }
        for (Tx tx : txs) {
            values.add(tx.encode());
        }
        return new RlpList(new RlpList(ids), new RlpList(values));
    }
    // end::encode[]

    /** Reads a mempool back, checking what {@link #encode} guarantees: sorted unique keys. */
    public static Mempool decode(RlpType item) {
        List<RlpType> parts = Rlp.list(item, "a mempool [keys, values]");
        if (parts.size() != 2) {
            throw new BadInput("a mempool is [keys, values], got a list of " + parts.size()
                    + " items");
        }
        List<RlpType> keyItems = Rlp.list(parts.get(0), "keys");
        List<RlpType> values = Rlp.list(parts.get(1), "values");
        if (values.size() < keyItems.size()) {
            throw new BadInput(keyItems.size() + " keys but only " + values.size() + " values");
        }
        List<Id> keys = new ArrayList<>(keyItems.size());
        List<Mempool> children = new ArrayList<>(keyItems.size());
        for (int i = 0; i < keyItems.size(); i++) {
            Id key;
            try {
                key = Id.of(Rlp.bytes(keyItems.get(i), "a key"));
            } catch (BadInput e) {
                throw e.at("key " + i);
            }
            if (i > 0 && keys.get(i - 1).compareTo(key) >= 0) {
                throw new BadInput("key " + i + ": keys must be sorted and unique");
            }
            keys.add(key);
            Mempool child;
            try {
                child = decode(values.get(i));
            } catch (BadInput e) {
                throw e.at("child " + key);
            }
            if (child.isEmpty()) {
                throw new BadInput("child " + key + ": a key names only a child with input");
            }
            children.add(child);
        }
        List<Tx> txs = new ArrayList<>(values.size() - keys.size());
        for (int i = keys.size(); i < values.size(); i++) {
            try {
                txs.add(Tx.decode(values.get(i)));
            } catch (BadInput e) {
                throw e.at("value " + i);
            }
        }
        return new Mempool(keys, children, txs);
    }
}
