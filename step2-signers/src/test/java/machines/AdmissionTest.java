package machines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;

/** Every kind of bad input the issue lists, through the real admission path. */
class AdmissionTest {
    @TempDir
    Path dir;
    private Proposer proposer;

    @BeforeEach
    void start() {
        proposer = Chains.proposer(dir);
    }

    static byte[] input(Tx... txs) {
        return new Input(List.of(), List.of(txs)).encode();
    }

    @Test
    void acceptsAWellFormedInputAndAnswersWithItsHash() {
        byte[] bytes = input(new Tx.Add(5), new Tx.Add(7));
        assertArrayEquals(Keccak.hash(bytes), proposer.submit(bytes, true));
        assertEquals(1, proposer.queued());
        proposer.tick(1_000);
        assertEquals("12", proposer.last().state().counter().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // what                       | input (hex)                      | error
        "not RLP                      | c8c0c6c58361646405ff             | trailing bytes: the RLP item ends at byte 9 but the input has 10 bytes",
        "truncated                    | c8c0c6c5836164                   | not RLP: byte 0: the header says 8 bytes follow, but the input has only 6 left",
        "non-canonical amount         | c9c0c7c6836164648105             | non-canonical RLP at byte 8: the byte 0x05 is below 0x80 and must stand alone, not after 0x81",
        "non-canonical list length    | f809c0c7c6836164648105           | non-canonical RLP at byte 0: the long form is used for a length of 9, which the short form fits",
        "a string, not an input       | 83616464                         | an input [path, txs] must be a list, got a string",
        "three items                  | c9c0c6c583616464 05c0            | an input is [path, txs], got a list of 3 items",
        "txs is a string              | c2c080                           | txs must be a list, got a string",
        "empty tx list                | c2c0c0                           | txs must not be empty",
        "tx is a string               | c6c0c483616464                   | tx 0: a tx [method, arg...] must be a list, got a string",
        "tx is empty                  | c3c0c1c0                         | tx 0: a tx is [method, arg...], got an empty list",
        "method is a list             | c5c0c3c2c105                     | tx 0: method must be a string, got a list",
        "method not ASCII             | c8c0c6c583ff646405               | tx 0: method must be printable ASCII, got the byte 0xff",
        "unknown method               | c8c0c6c583737562 05              | tx 0: unknown method 'sub' (methods: add, createSigner)",
        "no amount                    | c7c0c5c483616464                 | tx 0: add takes 1 argument (amount), got 0",
        "two amounts                  | c9c0c7c6836164640505             | tx 0: add takes 1 argument (amount), got 2",
        "amount 0                     | c8c0c6c58361646480               | tx 0: add: amount must be >= 1, got 0",
        "amount 2^64                  | d1c0cfce83616464890100000000000000 00 | tx 0: add: amount must be < 2^64, got 18446744073709551616",
        "leading zero byte            | cac0c8c783616464820005           | tx 0: add: amount has a leading zero byte; integers are minimal big-endian",
        "amount is a list             | c8c0c6c583616464c0               | tx 0: add: amount must be a string, got a list",
        "second tx bad                | cec0ccc583616464 05c583616464 80 | tx 1: add: amount must be >= 1, got 0",
        "path is a string             | c880c6c583616464 05              | path must be a list, got a string",
        "path id of 3 bytes           | ccc4 83010203 c6c583616464 05    | path 0: an id must be 32 bytes, got 3",
    })
    void rejectsBadInputSayingWhatAndWhere(String what, String hex, String error) {
        byte[] bytes = Hex.parse("0x" + hex.replace(" ", ""));
        BadInput thrown = assertThrows(BadInput.class, () -> proposer.submit(bytes, true));
        assertEquals(error, thrown.getMessage());
        assertEquals(0, proposer.queued(), "a rejected input changes nothing");
    }

    static byte[] toSigner(Id signer, Tx... txs) {
        return new Input(List.of(signer), List.of(txs)).encode();
    }

    static byte[] create(Id... signers) {
        Tx[] txs = new Tx[signers.length];
        for (int i = 0; i < signers.length; i++) {
            txs[i] = new Tx.CreateSigner(signers[i]);
        }
        return input(txs);
    }

    private BadInput rejected(byte[] bytes) {
        int queued = proposer.queued();
        BadInput thrown = assertThrows(BadInput.class, () -> proposer.submit(bytes, true));
        assertEquals(queued, proposer.queued(), "a rejected input changes nothing");
        return thrown;
    }

    @Test
    void rejectsInputForASignerThatDoesNotExistYet() {
        Id a = Chains.signer(1);
        assertEquals("path 0: there is no signer " + a + " (yet): create it with createSigner,"
                + " then send it input", rejected(toSigner(a, new Tx.Add(1))).getMessage());
        proposer.submit(create(a), true);
        // queued is not enough: the children apply before the server creates anything
        rejected(toSigner(a, new Tx.Add(1)));
        proposer.tick(1);
        proposer.submit(toSigner(a, new Tx.Add(1)), true);
    }

    @Test
    void rejectsASecondSignerWithTheSameIdWhereverTheFirstIs() {
        Id a = Chains.signer(1);
        Id b = Chains.signer(2);
        assertEquals("tx 1: createSigner: signer " + a + " is already being created",
                rejected(create(a, a)).getMessage());
        proposer.submit(create(a), true);
        assertEquals("tx 1: createSigner: signer " + a + " is already being created",
                rejected(create(b, a)).getMessage()); // queued: the whole input is refused
        proposer.tick(1);
        assertEquals("tx 0: createSigner: signer " + a + " exists already",
                rejected(create(a)).getMessage());
        proposer.submit(create(b), true);
    }

    @Test
    void rejectsServerMethodsSentToASigner() {
        Id a = Chains.signer(1);
        proposer.submit(create(a), true);
        proposer.tick(1);
        assertEquals("tx 0: createSigner is not a signer method; a signer knows: add",
                rejected(toSigner(a, new Tx.CreateSigner(Chains.signer(2)))).getMessage());
    }

    @Test
    void rejectsAPathBelowASignerBecauseSignersHaveNoChildrenYet() {
        Id a = Chains.signer(1);
        proposer.submit(create(a), true);
        proposer.tick(1);
        byte[] bytes = new Input(List.of(a, a), List.of(new Tx.Add(1))).encode();
        assertEquals("path 1: signers have no child machines yet, so " + a + " names nothing",
                rejected(bytes).getMessage());
    }

    @Test
    void rejectsAnIdThatIsNot32Bytes() {
        byte[] bytes = Rlp.encode(new RlpList(new RlpList(), new RlpList(new RlpList(
                Rlp.ascii("createSigner"), RlpString.create(new byte[] {1, 2, 3})))));
        assertEquals("tx 0: createSigner: an id must be 32 bytes, got 3",
                rejected(bytes).getMessage());
    }

    @Test
    void inputsForTheServerOrASignerNeedTheToken() {
        Id a = Chains.signer(1);
        Unauthorized thrown = assertThrows(Unauthorized.class,
                () -> proposer.submit(create(a), false));
        assertTrue(thrown.getMessage().startsWith("inputs for the server or a signer need the"
                + " API token"), thrown.getMessage());
        assertEquals(0, proposer.queued());
        proposer.submit(create(a), true);
        proposer.tick(1);
        assertThrows(Unauthorized.class, () -> proposer.submit(toSigner(a, new Tx.Add(1)), false));
        assertEquals(0, proposer.queued());
    }

    @Test
    void rejectsAnAmountOfTwoToTheSixtyFourMinusOneNot() {
        byte[] max = new byte[8];
        java.util.Arrays.fill(max, (byte) 0xff);
        byte[] bytes = Rlp.encode(new RlpList(new RlpList(), new RlpList(new RlpList(
                Rlp.ascii("add"), RlpString.create(max)))));
        proposer.submit(bytes, true); // 2^64 - 1 is the largest amount
        proposer.tick(1);
        assertEquals("18446744073709551615", proposer.last().state().counter().toString());
    }
}
