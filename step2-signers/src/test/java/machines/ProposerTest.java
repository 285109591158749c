package machines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proposer driven by a virtual clock: tests call tick(now) themselves and never sleep. */
class ProposerTest {
    @TempDir
    Path dir;
    private long now = 1_700_000_000_000L;

    private long later() {
        now += 100;
        return now;
    }

    @Test
    void anEmptyMempoolMakesNoBlock() {
        Storage storage = Chains.fresh(dir);
        Proposer proposer = new Proposer(storage, 0, Fanout.sequential());
        assertTrue(proposer.tick(later()).isEmpty());
        assertTrue(proposer.tick(later()).isEmpty());
        assertEquals(0, proposer.last().height());
        assertTrue(storage.root().isEmpty());
    }

    @Test
    void eachTickWithInputCommitsTheNextBlockThenReportsIt() {
        Storage storage = Chains.fresh(dir);
        Proposer proposer = new Proposer(storage, 0, Fanout.sequential());
        List<Tick> heard = new ArrayList<>();
        proposer.onTick(tick -> {
            // a listener hears of a block only once it is in storage
            assertArrayEquals(tick.blockHash(), storage.root().orElseThrow().blockHash());
            heard.add(tick);
        });
        byte[] first = AdmissionTest.input(new Tx.Add(2));
        byte[] second = AdmissionTest.input(new Tx.Add(3), new Tx.Add(4));
        proposer.submit(first, true);
        proposer.submit(second, true);
        Tick tick = proposer.tick(later()).orElseThrow();
        Block block = tick.block();
        assertEquals(1, block.height());
        assertEquals(now, block.timestamp());
        assertArrayEquals(Block.ZERO_HASH, block.prevHash());
        assertEquals("9", tick.state().counter().toString());
        assertArrayEquals(tick.state().hash(), block.stateHash());
        assertEquals(List.of(new Tx.Add(2), new Tx.Add(3), new Tx.Add(4)), block.mempool().txs());
        assertArrayEquals(Keccak.hash(first), tick.inputs().get(0));
        assertArrayEquals(Keccak.hash(second), tick.inputs().get(1));
        byte[] rlp = Rlp.encode(block.encode());
        assertArrayEquals(Keccak.hash(rlp), tick.blockHash());
        assertArrayEquals(rlp, storage.block(tick.blockHash()).orElseThrow());
        assertArrayEquals(tick.blockHash(), storage.hashAt(1).orElseThrow());
        assertEquals(List.of(tick), heard);

        proposer.tick(later()); // nothing queued: no block
        proposer.submit(AdmissionTest.input(new Tx.Add(1)), true);
        Tick next = proposer.tick(later()).orElseThrow();
        assertEquals(2, next.height());
        assertArrayEquals(tick.blockHash(), next.block().prevHash());
        assertEquals("10", next.state().counter().toString());
    }

    @Test
    void autoAddQueuesTheServersOwnAddEveryTick() {
        Proposer proposer = new Proposer(Chains.fresh(dir), 3, Fanout.sequential());
        for (int i = 0; i < 5; i++) {
            proposer.tick(later());
        }
        assertEquals(5, proposer.last().height());
        assertEquals("15", proposer.last().state().counter().toString());
    }

    @Test
    void rejectedInputsNeverReachABlock() {
        Proposer proposer = Chains.proposer(dir);
        assertThrows(BadInput.class, () -> proposer.submit(new byte[] {(byte) 0xc0}, true));
        assertTrue(proposer.tick(later()).isEmpty());
        assertEquals("0", proposer.last().state().counter().toString());
    }

    @Test
    void timestampsNeverGoBackwardsEvenWhenTheClockDoes() {
        Proposer proposer = new Proposer(Chains.fresh(dir), 1, Fanout.sequential());
        long first = proposer.tick(later()).orElseThrow().block().timestamp();
        long second = proposer.tick(first - 5_000).orElseThrow().block().timestamp();
        assertEquals(first, second);
    }

    @Test
    void aRestartContinuesAtTheNextHeightLinkedToTheLastBlock() {
        Tick before;
        try (Storage storage = Chains.fresh(dir)) {
            Proposer proposer = new Proposer(storage, 2, Fanout.sequential());
            proposer.tick(later());
            before = proposer.tick(later()).orElseThrow();
        }
        try (Storage storage = Storage.open(dir, false, false)) {
            Proposer proposer = new Proposer(storage, 2, Fanout.sequential());
            assertEquals(2, proposer.last().height());
            assertArrayEquals(before.blockHash(), proposer.last().blockHash());
            assertEquals(before.state(), proposer.last().state());
            Tick after = proposer.tick(later()).orElseThrow();
            assertEquals(3, after.height());
            assertArrayEquals(before.blockHash(), after.block().prevHash());
            assertEquals("6", after.state().counter().toString());
        }
    }

    @Test
    void nothingIsReportedAndTheStateStaysWhenTheCommitFails() {
        Storage storage = Chains.fresh(dir);
        Proposer proposer = new Proposer(storage, 0, Fanout.sequential());
        List<Tick> heard = new ArrayList<>();
        proposer.onTick(heard::add);
        proposer.submit(AdmissionTest.input(new Tx.Add(7)), true);
        storage.close(); // the disk is gone
        assertThrows(RuntimeException.class, () -> proposer.tick(later()));
        assertEquals(0, proposer.last().height());
        assertEquals("0", proposer.last().state().counter().toString());
        assertEquals(List.of(), heard);
    }

    /** Queues inputs of 10,000 {@code add 1} txs until the queue is full; returns one. */
    private static byte[] fill(Proposer proposer) {
        Tx[] txs = new Tx[10_000];
        java.util.Arrays.fill(txs, new Tx.Add(1));
        byte[] big = AdmissionTest.input(txs);
        for (int i = 0; i < Proposer.MAX_QUEUED_TXS / txs.length; i++) {
            proposer.submit(big, true);
        }
        assertThrows(Proposer.Busy.class, () -> proposer.submit(big, true));
        return big;
    }

    @Test
    void saysBusyInsteadOfQueueingWithoutBound() {
        Proposer proposer = Chains.proposer(dir);
        byte[] big = fill(proposer);
        proposer.tick(later()); // the loop catches up, and there is room again
        proposer.submit(big, true);
        assertEquals(String.valueOf(Proposer.MAX_QUEUED_TXS),
                proposer.last().state().counter().toString());
    }

    @Test
    void aFullQueueStillDrainsWhenTheServerAddsForItself() {
        Proposer proposer = new Proposer(Chains.fresh(dir), 1, Fanout.sequential());
        fill(proposer);
        Tick tick = proposer.tick(later()).orElseThrow(); // the server's own add is never busy
        assertEquals(Proposer.MAX_QUEUED_TXS + 1, tick.block().mempool().txCount());
    }
}
