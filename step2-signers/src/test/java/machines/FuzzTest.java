package machines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.rlp.RlpList;

/**
 * Random and mutated inputs through the real admission path: each one is either accepted (and
 * then counts exactly once) or rejected with {@link BadInput}; nothing else ever escapes, and
 * a rejected input changes nothing.
 */
class FuzzTest {
    private static final int INPUTS = 20_000;

    @Test
    void noInputEscapesAsAnExceptionOrChangesStateWithoutBeingAccepted(@TempDir Path dir) {
        Random random = new Random(20261121);
        Proposer proposer = Chains.proposer(dir);
        proposer.submit(AdmissionTest.create(Chains.SIGNERS.toArray(new Id[0])), true);
        proposer.tick(0);
        BigInteger expected = BigInteger.ZERO;
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] bytes = candidate(random);
            int queuedBefore = proposer.queued();
            try {
                proposer.submit(bytes, true);
                accepted++;
                assertEquals(queuedBefore + 1, proposer.queued());
                for (Tx tx : Input.decode(bytes).txs()) {
                    if (tx instanceof Tx.Add add) {
                        expected = expected.add(add.amount());
                    }
                }
            } catch (BadInput e) {
                rejected++;
                assertEquals(queuedBefore, proposer.queued(), "a rejected input queued something");
                assertTrue(!e.getMessage().isBlank());
            }
            if (i % 500 == 0) {
                proposer.tick(i);
                assertEquals(expected, total(proposer.last().state()));
            }
        }
        proposer.tick(INPUTS);
        assertEquals(expected, total(proposer.last().state()));
        assertTrue(accepted > 1_000 && rejected > 1_000,
                "both kinds should be common: " + accepted + " accepted, " + rejected + " rejected");
    }

    /** A valid input, a mutation of one, a random RLP value, or random bytes. */
    private static byte[] candidate(Random random) {
        byte[] valid = validInput(random);
        switch (random.nextInt(6)) {
            case 0:
                return valid;
            case 1: { // flip one bit
                byte[] bytes = valid.clone();
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                return bytes;
            }
            case 2: { // set a byte to an interesting value
                byte[] bytes = valid.clone();
                int[] interesting = {0x00, 0x7f, 0x80, 0x81, 0xb7, 0xb8, 0xbf, 0xc0, 0xf7, 0xf8, 0xff};
                bytes[random.nextInt(bytes.length)] = (byte) interesting[random.nextInt(interesting.length)];
                return bytes;
            }
            case 3: { // cut it short, or add bytes at the end
                int length = random.nextInt(valid.length + 4);
                return Arrays.copyOf(valid, length);
            }
            case 4: // any RLP value at all, wrapped as a would-be input
                return Rlp.encode(new RlpList(new RlpList(), RlpTest.randomValue(random, 1)));
            default: { // noise
                byte[] bytes = new byte[random.nextInt(40)];
                random.nextBytes(bytes);
                return bytes;
            }
        }
    }

    /** Every counter in the tree: the server's and its signers'. */
    private static BigInteger total(Server state) {
        BigInteger total = state.counter();
        for (Signer signer : state.signers().values()) {
            total = total.add(signer.counter());
        }
        return total;
    }

    /** Adds for the server or one of the signers, or a createSigner (mostly for one that exists). */
    private static byte[] validInput(Random random) {
        if (random.nextInt(10) == 0) {
            return AdmissionTest.create(random.nextBoolean() ? Chains.signer(random.nextInt(5))
                    : Id.of(Keccak.hash(new byte[] {(byte) random.nextInt()})));
        }
        Tx[] txs = new Tx[1 + random.nextInt(4)];
        for (int i = 0; i < txs.length; i++) {
            long amount = random.nextBoolean() ? 1 + random.nextInt(300) : random.nextLong() >>> 1;
            txs[i] = new Tx.Add(Math.max(1, amount));
        }
        int to = random.nextInt(Chains.SIGNERS.size() + 1);
        List<Id> path = to == Chains.SIGNERS.size() ? List.of() : List.of(Chains.SIGNERS.get(to));
        return new Input(path, List.of(txs)).encode();
    }
}
