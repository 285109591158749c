package machines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bench still runs end to end. Its figures are printed, never asserted. */
class BenchTest {
    @Test
    void measuresEveryInputItSends() throws Exception {
        Bench.Run local = Bench.inProcess(2_000, 5, false, 10);
        assertEquals(2_000L * Bench.TXS_PER_INPUT, local.txs());
        assertTrue(!local.tickNanos().isEmpty());
        Bench.Run ws = Bench.webSocket(500, 5);
        assertEquals(500L * Bench.TXS_PER_INPUT, ws.txs());
    }

    @Test
    void comparesCommitsWithRawWritesOfTheSameBytes() throws Exception {
        Bench.Commits commits = Bench.commitVsRaw(10, 5);
        assertEquals(5, commits.commitNanos().size());
        assertEquals(5, commits.rawNanos().size());
        assertTrue(Bench.blocksPerSecond(5, false) > 0);
    }

    @Test
    void timesBlocksTouchingFewOrAllSignersAndBothWaysOfApplyingThem() throws Exception {
        assertEquals(3, Bench.touching(20, 1, 3).commitNanos().size());
        assertTrue(Bench.applyMillis(10, 1_000, Fanout.sequential()) >= 0);
    }
}
