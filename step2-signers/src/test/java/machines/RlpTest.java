package machines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

class RlpTest {
    static byte[] hex(String hex) {
        return Hex.parse("0x" + hex.replace(" ", ""));
    }

    static RlpString str(String text) {
        return RlpString.create(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void encodesEthereumsExamples() {
        assertArrayEquals(hex("83 646f67"), Rlp.encode(str("dog")));
        assertArrayEquals(hex("c8 83636174 83646f67"), Rlp.encode(new RlpList(str("cat"), str("dog"))));
        assertArrayEquals(hex("80"), Rlp.encode(str("")));
        assertArrayEquals(hex("c0"), Rlp.encode(new RlpList()));
        assertArrayEquals(hex("80"), Rlp.encode(Rlp.scalar(0)));
        assertArrayEquals(hex("0f"), Rlp.encode(Rlp.scalar(15)));
        assertArrayEquals(hex("82 0400"), Rlp.encode(Rlp.scalar(1024)));
        // the set-theoretical representation of three: [ [], [[]], [ [], [[]] ] ]
        RlpList empty = new RlpList();
        RlpList three = new RlpList(empty, new RlpList(empty),
                new RlpList(empty, new RlpList(empty)));
        assertArrayEquals(hex("c7 c0 c1c0 c3c0c1c0"), Rlp.encode(three));
        String lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";
        byte[] encoded = Rlp.encode(str(lorem));
        assertEquals(0xb8, encoded[0] & 0xff);
        assertEquals(56, encoded[1]);
        assertEquals(58, encoded.length);
    }

    @Test
    void encodesLikeWeb3jOnRandomValues() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            RlpType value = randomValue(random, 0);
            assertArrayEquals(RlpEncoder.encode(value), Rlp.encode(value));
        }
    }

    @Test
    void decodesWhatItEncodes() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            byte[] encoded = Rlp.encode(randomValue(random, 0));
            assertArrayEquals(encoded, Rlp.encode(Rlp.decode(encoded)));
        }
    }

    @Test
    void encodesLongListsInLinearTime() {
        List<RlpType> items = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            items.add(new RlpList(str("add"), Rlp.scalar(i + 1)));
        }
        byte[] encoded = Rlp.encode(new RlpList(items)); // web3j's encoder would take minutes
        assertEquals(items.size(), Rlp.list(Rlp.decode(encoded), "list").size());
    }

    @ParameterizedTest(name = "{0} is rejected: {1}")
    @CsvSource(delimiter = '|', value = {
        "''               | not RLP: the input is empty",
        "81 05            | non-canonical RLP at byte 0: the byte 0x05 is below 0x80 and must stand alone",
        "b8 03 616263     | non-canonical RLP at byte 0: the long form is used for a length of 3",
        "f8 02 c0c0       | non-canonical RLP at byte 0: the long form is used for a length of 2",
        "b9 0038 00       | non-canonical RLP at byte 0: the length has a leading zero byte",
        "83 6162          | not RLP: byte 0: the header says 3 bytes follow, but the input has only 2 left",
        "c2 83 6162       | not RLP: byte 1: the header says 3 bytes follow, but its list ends at byte 3",
        "bb ffffff        | not RLP: byte 0: the header needs 4 length bytes, but the input ends first",
        "bc 0100000000    | not RLP: byte 0: a length of 5 bytes is larger than any input",
        "bb 80000000      | not RLP: byte 0: the length 2147483648 is larger than any input",
        "c0 c0            | trailing bytes: the RLP item ends at byte 1 but the input has 2 bytes",
        "05 05            | trailing bytes: the RLP item ends at byte 1 but the input has 2 bytes",
    })
    void rejectsWhatIsNotCanonicalRlp(String bytes, String message) {
        BadInput error = assertThrows(BadInput.class, () -> Rlp.decode(hex(bytes)));
        assertTrue(error.getMessage().startsWith(message), error.getMessage());
    }

    @Test
    void refusesNestingDeeperThanTheLimitWithoutOverflowingTheStack() {
        int depth = 100_000;
        byte[] nested = new byte[depth];
        Arrays.fill(nested, (byte) 0xc0); // a list inside a list inside ...: not RLP anyway
        for (int i = 0; i < depth - 1; i++) {
            nested[i] = (byte) 0xc1;
        }
        // c1 c1 c1 ... c0: each list holds one byte, so only the innermost is complete
        assertThrows(BadInput.class, () -> Rlp.decode(nested));

        byte[] deep = Rlp.encode(nest(Rlp.MAX_DEPTH + 1));
        BadInput error = assertThrows(BadInput.class, () -> Rlp.decode(deep));
        assertTrue(error.getMessage().contains("nested deeper than " + Rlp.MAX_DEPTH));
        Rlp.decode(Rlp.encode(nest(Rlp.MAX_DEPTH))); // the limit itself is fine
    }

    private static RlpType nest(int lists) {
        RlpType value = str("x");
        for (int i = 0; i < lists; i++) {
            value = new RlpList(value);
        }
        return value;
    }

    @Test
    void readsScalarsStrictly() {
        assertEquals(BigInteger.ZERO, Rlp.scalar(Rlp.decode(hex("80")), "n"));
        assertEquals(BigInteger.valueOf(1024), Rlp.scalar(Rlp.decode(hex("820400")), "n"));
        BadInput error = assertThrows(BadInput.class, () -> Rlp.scalar(Rlp.decode(hex("820004")), "n"));
        assertEquals("n has a leading zero byte; integers are minimal big-endian", error.getMessage());
        error = assertThrows(BadInput.class, () -> Rlp.scalar(Rlp.decode(hex("c0")), "n"));
        assertEquals("n must be a string, got a list", error.getMessage());
        BigInteger big = BigInteger.ONE.shiftLeft(200);
        assertEquals(big, Rlp.scalar(Rlp.decode(Rlp.encode(Rlp.scalar(big))), "n"));
    }

    static RlpType randomValue(Random random, int depth) {
        if (depth > 4 || random.nextInt(3) > 0) {
            int length = random.nextInt(4) == 0 ? random.nextInt(300) : random.nextInt(3);
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return RlpString.create(bytes);
        }
        int count = random.nextInt(4) == 0 ? random.nextInt(80) : random.nextInt(4);
        List<RlpType> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(randomValue(random, depth + 1));
        }
        return new RlpList(items);
    }
}
