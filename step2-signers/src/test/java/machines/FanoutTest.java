package machines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Children applied side by side give exactly what they give one after another. */
class FanoutTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void keepsTheOrderOfTheItems() {
        List<Integer> items = IntStream.range(0, 1_001).boxed().toList();
        for (int ways = 1; ways <= 5; ways++) {
            assertEquals(items.stream().map(i -> i * 2).toList(),
                    Fanout.parallel(pool, ways).map(items, i -> i * 2));
        }
        assertEquals(List.of(), Fanout.parallel(pool, 4).map(List.<Integer>of(), i -> i));
    }

    @Test
    void aChildsErrorComesOutAsIfItHadRunHere() {
        List<Integer> items = IntStream.range(0, 100).boxed().toList();
        BadInput error = assertThrows(BadInput.class, () -> Fanout.parallel(pool, 4).map(items,
                i -> {
                    if (i == 90) {
                        throw new BadInput("child 90 is bad");
                    }
                    return i;
                }));
        assertEquals("child 90 is bad", error.getMessage());
    }

    /**
     * Two proposers on two databases, one applying children one after another, the other side
     * by side on four threads, fed the same random inputs: every block, hash for hash, the same.
     */
    @Test
    void sideBySideAndOneAfterAnotherGiveTheSameBlocksOverManyRandomOnes(@TempDir Path dir) {
        Random random = new Random(42);
        Proposer sequential = new Proposer(Chains.fresh(dir.resolve("a")), 1, Fanout.sequential());
        Proposer parallel = new Proposer(Chains.fresh(dir.resolve("b")), 1,
                Fanout.parallel(pool, 4));
        List<Id> signers = new ArrayList<>();
        for (int block = 1; block <= 300; block++) {
            for (byte[] input : randomInputs(random, signers)) {
                sequential.submit(input, true);
                parallel.submit(input, true);
            }
            Tick one = sequential.tick(block).orElseThrow();
            Tick other = parallel.tick(block).orElseThrow();
            assertArrayEquals(one.block().stateHash(), other.block().stateHash(), "block " + block);
            assertArrayEquals(one.blockHash(), other.blockHash(), "block " + block);
            signers.clear();
            signers.addAll(one.state().signers().keySet());
        }
        assertEquals(sequential.last().state(), parallel.last().state());
    }

    /** New signers, and adds for the server and for random existing signers. */
    private static List<byte[]> randomInputs(Random random, List<Id> signers) {
        List<byte[]> inputs = new ArrayList<>();
        byte[] id = new byte[Id.LENGTH];
        random.nextBytes(id);
        inputs.add(AdmissionTest.create(Id.of(id)));
        for (int i = random.nextInt(60); i > 0; i--) {
            Tx[] adds = new Tx[1 + random.nextInt(5)];
            for (int j = 0; j < adds.length; j++) {
                adds[j] = new Tx.Add(1 + random.nextInt(1_000_000));
            }
            inputs.add(signers.isEmpty() || random.nextInt(4) == 0 ? AdmissionTest.input(adds)
                    : AdmissionTest.toSigner(signers.get(random.nextInt(signers.size())), adds));
        }
        return inputs;
    }
}
