package machines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignerTest {
    @Test
    void addsToItsCounterWithTheSameShapeAsTheServer() {
        Mempool mempool = new Mempool(List.of(), List.of(), List.of(new Tx.Add(2), new Tx.Add(3)));
        assertEquals(new Signer(BigInteger.valueOf(6)),
                Signer.apply(new Signer(BigInteger.ONE), mempool));
    }

    @Test
    void itsHashIsTheKeccakOfTheRlpOfItsCounterAndIsStoredTheSameWay() {
        Signer signer = new Signer(BigInteger.valueOf(1024));
        assertEquals("0xc3820400", Hex.of(Rlp.encode(signer.encode())));
        assertArrayEquals(Keccak.hash(Hex.parse("0xc3820400")), signer.hash());
        assertEquals(signer, Signer.decode(Rlp.decode(Hex.parse("0xc3820400"))));
    }

    @Test
    void hasNoChildrenYet() {
        Mempool child = new Mempool(List.of(), List.of(), List.of(new Tx.Add(1)));
        Mempool mempool = new Mempool(List.of(Chains.signer(1)), List.of(child), List.of());
        assertThrows(BadInput.class, () -> Signer.apply(Signer.EMPTY, mempool));
    }
}
