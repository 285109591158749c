package machines;

import java.math.BigInteger;
import java.util.List;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpType;

/**
 * A signer: a key holder (a person, a device) under the server, named by a 32-byte id. Its
 * state is a counter; its only method is {@code add}.
 *
 * <p>A signer is a value: applying a mempool makes a new one. Its hash is computed once, when
 * the value is made, so a signer that no block touches is never hashed again.
 */
public final class Signer {
    public static final Signer EMPTY = new Signer(BigInteger.ZERO);

    private final BigInteger counter;
    private final byte[] hash;

    public Signer(BigInteger counter) {
        this.counter = counter;
        this.hash = Keccak.hash(Rlp.encode(encode()));
    }

    public BigInteger counter() {
        return counter;
    }

    // tag::apply[]
    /** The signer's step: the same shape as the server's, one level down. Pure. */
    public static Signer apply(Signer state, Mempool mempool) {
        if (!mempool.keys().isEmpty()) {
            throw new BadInput("a signer has no child machines yet, but the mempool names "
                    + mempool.keys().get(0));
        }
        BigInteger counter = state.counter();
        for (Tx tx : mempool.txs()) {
            counter = counter.add(read(tx).amount());
        }
        return new Signer(counter);
    }

    /** A signer's txs: {@code add} only. */
    public static Tx.Add read(Tx tx) {
        if (tx instanceof Tx.Add add) {
            return add;
        }
        throw new BadInput(tx.method() + " is not a signer method; a signer knows: add");
    }
    // end::apply[]

    // tag::hash[]
    /** A signer's state as it is stored, under 0x02 + its id: {@code [counter]}. */
    public RlpList encode() {
        return new RlpList(Rlp.scalar(counter));
    }

    /** {@code stateHash(signer) = keccak256(rlp([counter]))}. */
    public byte[] hash() {
        return hash.clone();
    }
    // end::hash[]

    public static Signer decode(RlpType item) {
        List<RlpType> parts = Rlp.list(item, "a signer's state [counter]");
        if (parts.size() != 1) {
            throw new BadInput("a signer's state is [counter], got a list of " + parts.size()
                    + " items");
        }
        return new Signer(Rlp.scalar(parts.get(0), "counter"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Signer signer && counter.equals(signer.counter);
    }

    @Override
    public int hashCode() {
        return counter.hashCode();
    }

    @Override
    public String toString() {
        return "Signer[counter=" + counter + "]";
    }
}
