package machines;

import java.math.BigInteger;
import java.util.List;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * A block: the RLP list {@code [prevHash, height, timestamp, mempool, stateHash]} (SPEC
 * section 4). It links to the block before it by that block's hash, carries the mempool the
 * server applied, and commits to the state after it by its hash, so whoever holds the chain can
 * replay it and check every step.
 *
 * <p>{@code blockHash = keccak256(rlp(block))} names the block in the chain and in storage. Two
 * blocks are the same block when their hashes are equal; the record's own {@code equals}
 * compares the byte arrays by identity.
 */
public record Block(byte[] prevHash, long height, long timestamp, Mempool mempool,
        byte[] stateHash) {
    /** The prevHash of block 1. */
    public static final byte[] ZERO_HASH = new byte[32];

    // tag::encode[]
    public RlpList encode() {
        return new RlpList(
                RlpString.create(prevHash),
                Rlp.scalar(height),
                Rlp.scalar(timestamp),
                mempool.encode(),
                RlpString.create(stateHash));
    }
    // end::encode[]

    /** Reads a stored block, checking its shape and canonical encoding. */
    public static Block decode(byte[] bytes) {
        List<RlpType> parts = Rlp.list(Rlp.decode(bytes), "a block");
        if (parts.size() != 5) {
            throw new BadInput("a block is [prevHash, height, timestamp, mempool, stateHash], "
                    + "got a list of " + parts.size() + " items");
        }
        byte[] prevHash = hash32(parts.get(0), "prevHash");
        long height = number(parts.get(1), "height");
        long timestamp = number(parts.get(2), "timestamp");
        Mempool mempool;
        try {
            mempool = Mempool.decode(parts.get(3));
        } catch (BadInput e) {
            throw e.at("mempool");
        }
        return new Block(prevHash, height, timestamp, mempool, hash32(parts.get(4), "stateHash"));
    }

    private static byte[] hash32(RlpType item, String name) {
        byte[] bytes = Rlp.bytes(item, name);
        if (bytes.length != 32) {
            throw new BadInput(name + " must be 32 bytes, got " + bytes.length);
        }
        return bytes;
    }

    private static long number(RlpType item, String name) {
        BigInteger value = Rlp.scalar(item, name);
        if (value.bitLength() > 63) {
            throw new BadInput(name + " is too large: " + value);
        }
        return value.longValueExact();
    }
}
