package machines;

import java.util.ArrayList;
import java.util.List;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * What a client sends: the RLP list {@code [path, txs]} (SPEC section 3). {@code path} lists the
 * ids from the server down to the target machine (empty: the server itself); {@code txs} is a
 * non-empty list of transactions for that machine.
 */
public record Input(List<Id> path, List<Tx> txs) {
    public Input {
        path = List.copyOf(path);
        txs = List.copyOf(txs);
    }

    // tag::decode[]
    /** Reads an input's shape; whether its path and txs make sense is the machines' call. */
    public static Input decode(byte[] bytes) {
        List<RlpType> parts = Rlp.list(Rlp.decode(bytes), "an input [path, txs]");
        if (parts.size() != 2) {
            throw new BadInput("an input is [path, txs], got a list of " + parts.size() + " items");
        }
        List<Id> path = new ArrayList<>();
        List<RlpType> ids = Rlp.list(parts.get(0), "path");
        for (int i = 0; i < ids.size(); i++) {
            try {
                path.add(Id.of(Rlp.bytes(ids.get(i), "an id")));
            } catch (BadInput e) {
                throw e.at("path " + i);
            }
        }
        List<RlpType> items = Rlp.list(parts.get(1), "txs");
        if (items.isEmpty()) {
            throw new BadInput("txs must not be empty");
        }
        List<Tx> txs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                txs.add(Tx.decode(items.get(i)));
            } catch (BadInput e) {
                throw e.at("tx " + i);
            }
        }
        return new Input(path, txs);
    }
    // end::decode[]

    public byte[] encode() {
        List<RlpType> ids = new ArrayList<>(path.size());
        for (Id id : path) {
            ids.add(RlpString.create(id.bytes()));
        }
        List<RlpType> items = new ArrayList<>(txs.size());
        for (Tx tx : txs) {
            items.add(tx.encode());
        }
        return Rlp.encode(new RlpList(new RlpList(ids), new RlpList(items)));
    }
}
