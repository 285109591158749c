package machines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.rlp.RlpList;

class BlockTest {
    private static final Mempool MEMPOOL =
            new Mempool(List.of(), List.of(), List.of(new Tx.Add(5)));

    @Test
    void encodesItsFiveFieldsInOrder() {
        byte[] stateHash = new Server(java.math.BigInteger.valueOf(5), new java.util.TreeMap<>()).hash();
        Block block = new Block(Block.ZERO_HASH, 1, 0x0102, MEMPOOL, stateHash);
        String hex = Hex.of(Rlp.encode(block.encode()));
        // f8 4f: a list of 0x4f = 79 bytes; a0 + 32 zero bytes; 01; 82 0102; the mempool; a0 + hash
        assertEquals("0xf84fa0" + "00".repeat(32) + "01" + "820102" + "c8c0c6c58361646405"
                + "a0" + Hex.of(stateHash).substring(2), hex);
    }

    @Test
    void decodesWhatItEncodes() {
        Block block = new Block(Keccak.hash(new byte[] {7}), 42, 1_795_000_000_000L, MEMPOOL,
                Keccak.hash(new byte[] {8}));
        byte[] rlp = Rlp.encode(block.encode());
        assertArrayEquals(rlp, Rlp.encode(Block.decode(rlp).encode()));
    }

    @Test
    void refusesBlocksOfTheWrongShape() {
        byte[] four = Rlp.encode(new RlpList(Rlp.scalar(1), Rlp.scalar(2), Rlp.scalar(3),
                Rlp.scalar(4)));
        assertEquals("a block is [prevHash, height, timestamp, mempool, stateHash], got a list"
                + " of 4 items", assertThrows(BadInput.class, () -> Block.decode(four)).getMessage());
        Block shortHash = new Block(new byte[31], 1, 1, MEMPOOL, new byte[32]);
        assertEquals("prevHash must be 32 bytes, got 31", assertThrows(BadInput.class,
                () -> Block.decode(Rlp.encode(shortHash.encode()))).getMessage());
    }
}
