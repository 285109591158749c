package machines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;

class ServerTest {
    private static final Id A = Chains.signer(1);
    private static final Id B = Chains.signer(2);

    static Server server(long counter, Map<Id, Long> signers) {
        NavigableMap<Id, Signer> map = new TreeMap<>();
        signers.forEach((id, n) -> map.put(id, new Signer(BigInteger.valueOf(n))));
        return new Server(BigInteger.valueOf(counter), map);
    }

    static Server apply(Server state, Input... inputs) {
        return Server.apply(state, Mempool.fold(List.of(inputs)), Fanout.sequential());
    }

    static Input to(Id signer, Tx... txs) {
        return new Input(signer == null ? List.of() : List.of(signer), List.of(txs));
    }

    @Test
    void addsEveryAmountToTheCounter() {
        assertEquals(server(42, Map.of()), apply(Server.EMPTY, to(null, new Tx.Add(2),
                new Tx.Add(40))));
    }

    @Test
    void isPureTheSameStateAndMempoolGiveTheSameResultAndTheInputIsUntouched() {
        Server state = server(10, Map.of(A, 1L));
        Input input = to(A, new Tx.Add(1));
        assertEquals(apply(state, input), apply(state, input));
        assertEquals(server(10, Map.of(A, 1L)), state);
    }

    @Test
    void counterNeverOverflows() {
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        Server state = new Server(max, new TreeMap<>());
        assertEquals(max.shiftLeft(1), apply(state, to(null, new Tx.Add(max))).counter());
    }

    @Test
    void createSignerAddsASignerWithCounterZero() {
        Server after = apply(Server.EMPTY, to(null, new Tx.CreateSigner(A)));
        assertEquals(server(0, Map.of(A, 0L)), after);
    }

    @Test
    void routesEachValueToItsKeySoEachSignerSeesOnlyItsOwn() {
        Server state = server(0, Map.of(A, 0L, B, 0L));
        Server after = apply(state, to(A, new Tx.Add(3)), to(B, new Tx.Add(5)), to(A,
                new Tx.Add(4)));
        assertEquals(server(0, Map.of(A, 7L, B, 5L)), after);
    }

    @Test
    void childrenApplyBeforeTheServersOwnTxs() {
        // the server creates B in the same block that gives A input: A exists, so its input
        // applies first, and the server's own txs follow in arrival order
        Server state = server(0, Map.of(A, 0L));
        Mempool mempool = Mempool.fold(List.of(to(null, new Tx.CreateSigner(B)), to(A,
                new Tx.Add(1)), to(null, new Tx.Add(9))));
        assertEquals(List.of(A), mempool.keys());
        assertEquals(List.of(new Tx.CreateSigner(B), new Tx.Add(9)), mempool.txs());
        assertEquals(server(9, Map.of(A, 1L, B, 0L)),
                Server.apply(state, mempool, Fanout.sequential()));
    }

    @Test
    void aSignerKnowsOnlyAdd() {
        Server state = server(0, Map.of(A, 0L));
        BadInput error = assertThrows(BadInput.class, () -> apply(state, to(A,
                new Tx.CreateSigner(B))));
        assertEquals("signer " + A + ": createSigner is not a signer method; a signer knows:"
                + " add", error.getMessage());
    }

    @Test
    void refusesAMempoolForASignerThatDoesNotExist() {
        BadInput error = assertThrows(BadInput.class, () -> apply(Server.EMPTY, to(A,
                new Tx.Add(1))));
        assertEquals("the mempool names " + A + ", which is not a signer", error.getMessage());
    }

    @Test
    void refusesToCreateASignerTwice() {
        assertThrows(BadInput.class, () -> apply(server(0, Map.of(A, 0L)), to(null,
                new Tx.CreateSigner(A))));
    }

    @Test
    void itsStateHashCommitsToEachSignerByItsHashSortedById() {
        Server state = server(1024, Map.of(B, 2L, A, 1L));
        byte[] expected = Keccak.hash(Rlp.encode(new RlpList(Rlp.scalar(1024), new RlpList(
                new RlpList(RlpString.create(A.bytes()), RlpString.create(
                        Keccak.hash(Rlp.encode(new RlpList(Rlp.scalar(1)))))),
                new RlpList(RlpString.create(B.bytes()), RlpString.create(
                        Keccak.hash(Rlp.encode(new RlpList(Rlp.scalar(2))))))))));
        assertArrayEquals(expected, state.hash());
        // with no signers: keccak256(rlp([counter, []]))
        assertArrayEquals(Keccak.hash(Hex.parse("0xc4820400c0")), server(1024, Map.of()).hash());
        assertEquals("0xc3820400", Hex.of(Rlp.encode(state.encode()))); // stored: own state
    }

    @Test
    void aSignerNoBlockTouchedKeepsItsValueAndSoItsHash() {
        Server state = server(0, Map.of(A, 1L, B, 2L));
        Server after = apply(state, to(A, new Tx.Add(1)));
        assertSame(state.signers().get(B), after.signers().get(B)); // not made again, not hashed
        assertEquals(Map.of(A, new Signer(BigInteger.TWO)),
                Server.changed(after, Mempool.fold(List.of(to(A, new Tx.Add(1))))));
        Mempool creating = Mempool.fold(List.of(to(null, new Tx.CreateSigner(Chains.signer(9)))));
        assertEquals(Set.of(Chains.signer(9)),
                Server.changed(Server.apply(after, creating, Fanout.sequential()), creating)
                        .keySet());
    }

    @Test
    void refusesAMempoolWhoseSignerHasChildren() {
        Mempool grandchild = Mempool.fold(List.of(new Input(List.of(A, B), List.of(new Tx.Add(1)))));
        assertThrows(BadInput.class, () -> Server.apply(server(0, Map.of(A, 0L)), grandchild,
                Fanout.sequential()));
    }
}
