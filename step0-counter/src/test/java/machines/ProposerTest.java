package machines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proposer driven by a virtual clock: tests call tick(now) themselves and never sleep. */
class ProposerTest {
    private long now = 1_700_000_000_000L;

    private long later() {
        now += 100;
        return now;
    }

    @Test
    void anEmptyMempoolMakesNoTickHeight() {
        Proposer proposer = new Proposer(0);
        assertTrue(proposer.tick(later()).isEmpty());
        assertTrue(proposer.tick(later()).isEmpty());
        assertEquals(0, proposer.last().height());
    }

    @Test
    void eachTickWithInputAppliesItAndGrowsTheHeightByOne() {
        Proposer proposer = new Proposer(0);
        List<Tick> heard = new ArrayList<>();
        proposer.onTick(heard::add);
        byte[] first = AdmissionTest.input(new Tx.Add(2));
        byte[] second = AdmissionTest.input(new Tx.Add(3), new Tx.Add(4));
        proposer.submit(first);
        proposer.submit(second);
        Tick tick = proposer.tick(later()).orElseThrow();
        assertEquals(1, tick.height());
        assertEquals(now, tick.timestamp());
        assertEquals("9", tick.state().counter().toString());
        assertEquals(List.of(new Tx.Add(2), new Tx.Add(3), new Tx.Add(4)), tick.mempool().txs());
        assertEquals(2, tick.inputs().size());
        assertArrayEquals(Keccak.hash(first), tick.inputs().get(0));
        assertArrayEquals(Keccak.hash(second), tick.inputs().get(1));
        assertEquals(List.of(tick), heard);

        proposer.tick(later()); // nothing queued: no height
        proposer.submit(AdmissionTest.input(new Tx.Add(1)));
        assertEquals(2, proposer.tick(later()).orElseThrow().height());
        assertEquals("10", proposer.last().state().counter().toString());
    }

    @Test
    void autoAddQueuesTheServersOwnAddEveryTick() {
        Proposer proposer = new Proposer(3);
        for (int i = 0; i < 5; i++) {
            proposer.tick(later());
        }
        assertEquals(5, proposer.last().height());
        assertEquals("15", proposer.last().state().counter().toString());
    }

    @Test
    void rejectedInputsNeverReachATick() {
        Proposer proposer = new Proposer(0);
        assertThrows(BadInput.class, () -> proposer.submit(new byte[] {(byte) 0xc0}));
        assertTrue(proposer.tick(later()).isEmpty());
        assertEquals("0", proposer.last().state().counter().toString());
    }

    /** Queues inputs of 10,000 {@code add 1} txs until the queue is full; returns one. */
    private static byte[] fill(Proposer proposer) {
        Tx[] txs = new Tx[10_000];
        java.util.Arrays.fill(txs, new Tx.Add(1));
        byte[] big = AdmissionTest.input(txs);
        for (int i = 0; i < Proposer.MAX_QUEUED_TXS / txs.length; i++) {
            proposer.submit(big);
        }
        assertThrows(Proposer.Busy.class, () -> proposer.submit(big));
        return big;
    }

    @Test
    void saysBusyInsteadOfQueueingWithoutBound() {
        Proposer proposer = new Proposer(0);
        byte[] big = fill(proposer);
        proposer.tick(later()); // the loop catches up, and there is room again
        proposer.submit(big);
        assertEquals(String.valueOf(Proposer.MAX_QUEUED_TXS),
                proposer.last().state().counter().toString());
    }

    @Test
    void aFullQueueStillDrainsWhenTheServerAddsForItself() {
        Proposer proposer = new Proposer(1);
        fill(proposer);
        Tick tick = proposer.tick(later()).orElseThrow(); // the server's own add is never busy
        assertEquals(Proposer.MAX_QUEUED_TXS + 1, tick.mempool().txCount());
    }
}
