package machines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class KeccakTest {
    @Test
    void hashesAsEthereumDoes() {
        assertEquals("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
                Hex.of(Keccak.hash(new byte[0])));
        assertEquals("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
                Hex.of(Keccak.hash("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void isNotTheJdksSha3() throws Exception {
        byte[] sha3 = MessageDigest.getInstance("SHA3-256").digest(new byte[0]);
        assertNotEquals(Hex.of(sha3), Hex.of(Keccak.hash(new byte[0])));
    }
}
