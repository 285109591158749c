package machines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HexTest {
    @Test
    void writesLowercaseWithPrefix() {
        assertEquals("0x00ff10", Hex.of(new byte[] {0, (byte) 0xff, 0x10}));
        assertEquals("0x", Hex.of(new byte[0]));
    }

    @Test
    void readsEitherCase() {
        assertArrayEquals(new byte[] {(byte) 0xab, (byte) 0xcd}, Hex.parse("0xABcd"));
    }

    @Test
    void rejectsWhatIsNotHex() {
        assertThrows(BadInput.class, () -> Hex.parse("abcd"));
        assertThrows(BadInput.class, () -> Hex.parse("0xabc"));
        assertThrows(BadInput.class, () -> Hex.parse("0xzz"));
    }
}
