package machines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerTest {
    @Test
    void addsEveryAmountToTheCounter() {
        Mempool mempool = new Mempool(List.of(), List.of(), List.of(new Tx.Add(2), new Tx.Add(40)));
        assertEquals(new Server(BigInteger.valueOf(42)), Server.apply(Server.EMPTY, mempool));
    }

    @Test
    void isPureTheSameStateAndMempoolGiveTheSameResultAndTheInputIsUntouched() {
        Server state = new Server(BigInteger.TEN);
        Mempool mempool = new Mempool(List.of(), List.of(), List.of(new Tx.Add(1)));
        assertEquals(Server.apply(state, mempool), Server.apply(state, mempool));
        assertEquals(new Server(BigInteger.TEN), state);
    }

    @Test
    void counterNeverOverflows() {
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        Server state = new Server(max);
        Mempool mempool = new Mempool(List.of(), List.of(), List.of(new Tx.Add(max)));
        assertEquals(max.shiftLeft(1), Server.apply(state, mempool).counter());
    }

    @Test
    void itsStateHashIsTheKeccakOfTheRlpOfItsCounter() {
        Server state = new Server(BigInteger.valueOf(1024));
        assertEquals("0xc3820400", Hex.of(Rlp.encode(state.encode())));
        assertEquals(Hex.of(Keccak.hash(Hex.parse("0xc3820400"))), Hex.of(state.hash()));
        assertEquals(state, Server.decode(Rlp.decode(Hex.parse("0xc3820400"))));
    }

    @Test
    void refusesAMempoolForChildrenItDoesNotHave() {
        Mempool child = new Mempool(List.of(), List.of(), List.of(new Tx.Add(1)));
        Mempool mempool = new Mempool(List.of(MempoolTest.id(1)), List.of(child), List.of());
        assertThrows(BadInput.class, () -> Server.apply(Server.EMPTY, mempool));
    }
}
