package machines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;

class MempoolTest {
    static Id id(int last) {
        byte[] bytes = new byte[32];
        bytes[31] = (byte) last;
        return Id.of(bytes);
    }

    static Input to(List<Id> path, long... amounts) {
        Tx[] txs = new Tx[amounts.length];
        for (int i = 0; i < amounts.length; i++) {
            txs[i] = new Tx.Add(amounts[i]);
        }
        return new Input(path, List.of(txs));
    }

    @Test
    void foldsOwnTxsInArrivalOrder() {
        Mempool mempool = Mempool.fold(List.of(to(List.of(), 3, 1), to(List.of(), 2)));
        assertEquals(List.of(), mempool.keys());
        assertEquals(List.of(new Tx.Add(3), new Tx.Add(1), new Tx.Add(2)), mempool.txs());
    }

    @Test
    void foldsChildInputsUnderSortedUniqueKeysWithTheirOwnMempools() {
        Id a = id(1);
        Id b = id(0xf0); // sorts after a: ids compare as unsigned bytes
        Mempool mempool = Mempool.fold(List.of(
                to(List.of(b), 1), to(List.of(), 9), to(List.of(a), 2), to(List.of(b), 3),
                to(List.of(a, b), 4)));
        assertEquals(List.of(a, b), mempool.keys());
        assertEquals(List.of(new Tx.Add(9)), mempool.txs());
        Mempool ofA = mempool.children().get(0);
        assertEquals(List.of(b), ofA.keys()); // a grandchild, one level further down
        assertEquals(List.of(new Tx.Add(2)), ofA.txs());
        assertEquals(List.of(new Tx.Add(4)), ofA.children().get(0).txs());
        assertEquals(List.of(new Tx.Add(1), new Tx.Add(3)), mempool.children().get(1).txs());
        assertEquals(5, mempool.txCount());
    }

    @Test
    void encodesAsKeysThenChildMempoolsThenOwnTxs() {
        Mempool mempool = Mempool.fold(List.of(to(List.of(), 5)));
        // [[], [["add", 5]]]
        assertArrayEquals(Hex.parse("0xc8c0c6c58361646405"), Rlp.encode(mempool.encode()));

        Mempool nested = Mempool.fold(List.of(to(List.of(id(1)), 1), to(List.of(), 2)));
        RlpList values = (RlpList) nested.encode().getValues().get(1);
        assertEquals(2, values.getValues().size()); // the child's mempool, then the own tx
        assertEquals(nested, Mempool.decode(Rlp.decode(Rlp.encode(nested.encode()))));
    }

    @Test
    void decodeRejectsKeysOutOfOrderAndMissingValues() {
        RlpList child = Mempool.fold(List.of(to(List.of(), 1))).encode();
        RlpString a = RlpString.create(id(1).bytes());
        RlpString b = RlpString.create(id(2).bytes());
        BadInput unsorted = assertThrows(BadInput.class, () -> Mempool.decode(
                new RlpList(new RlpList(b, a), new RlpList(child, child))));
        assertEquals("key 1: keys must be sorted and unique", unsorted.getMessage());
        BadInput missing = assertThrows(BadInput.class, () -> Mempool.decode(
                new RlpList(new RlpList(a, b), new RlpList(child))));
        assertEquals("2 keys but only 1 values", missing.getMessage());
        BadInput empty = assertThrows(BadInput.class, () -> Mempool.decode(
                new RlpList(new RlpList(a), new RlpList(Mempool.EMPTY.encode()))));
        assertTrue(empty.getMessage().endsWith("a key names only a child with input"));
    }
}
