package machines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The visualizer in a real browser: the server runs in this JVM with its proposer loop and a
 * database in a temporary directory, and headless Chromium loads the page from it, clicks, and
 * reads what the page shows. Every wait is for something to appear on the page, never for time
 * to pass.
 */
class VisualizerTest {
    private static final String SCREENSHOT = "step2-signers.png";
    private static final String BLOCK = "block [prevHash, height, timestamp, mempool, stateHash]";
    private static final String TOKEN = "visualizer-test-token";
    private static final String LINK = "Open the link the server printed at start-up: it ends in"
            + " ?token=…";

    private static Browser browser;
    private static WebDriver driver;
    private static WebDriverWait wait;

    @TempDir
    Path data;
    private Storage storage;
    private Proposer proposer;
    private Web web;
    private Loop loop;

    @BeforeEach
    void start() throws IOException {
        if (browser == null) {
            // One browser for all the tests, started here rather than in a @BeforeAll so that
            // each test reports why it is skipped when Chromium is missing.
            browser = Browser.start(1280, 1800);
            driver = browser.driver();
            // Blocks come every 100 ms: polling every half second (the default) would be slow.
            wait = new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(20));
        }
        storage = Storage.open(data, true, false); // no sync: the tests do not crash the disk
        // no auto-add: only the tests move the counters
        proposer = new Proposer(storage, 0, Fanout.sequential());
        web = new Web(proposer, storage, TOKEN).start("127.0.0.1", 0);
        loop = new Loop(proposer, 100);
    }

    @AfterEach
    void stop() {
        if (web == null) {
            return; // skipped before the server started
        }
        try {
            assertEquals(List.of(), browser.uncaughtErrors(), "JavaScript errors on the page");
        } finally {
            loop.close();
            web.close();
            storage.close();
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void showsTheStateTheServerHadBeforeThePageLoaded() {
        proposer.submit(createInput("alice"), true);
        proposer.submit(addInput(7), true);
        proposer.tick(System.currentTimeMillis()); // committed now, whether or not the loop is first
        proposer.submit(addInput(id("alice"), 3), true);
        proposer.tick(System.currentTimeMillis());

        open();

        waitForText("counter", "7");
        assertEquals("2", text("height"));
        String stateHash = Hex.of(proposer.last().block().stateHash());
        assertEquals(stateHash, driver.findElement(By.id("state-hash")).getDomAttribute("title"));
        assertEquals("7", nodeText(null, ".counter"));
        assertEquals(stateHash, driver.findElement(By.cssSelector("#root .hash"))
                .getDomAttribute("title"));
        assertEquals("✓", nodeText(null, ".check"), "the page computes the same state hash");
        String alice = id("alice");
        assertEquals("3", nodeText(alice, ".counter"));
        assertEquals("", nodeText(alice, ".name"), "this browser did not name it");
        assertEquals(alice.substring(0, 8) + "…", nodeText(alice, ".id"));
        assertEquals(Hex.of(proposer.last().state().signers().get(Id.of(Hex.parse(alice))).hash())
                .substring(0, 8) + "…", nodeText(alice, ".hash"));
    }

    @Test
    void clickingAddFiveMovesTheCounterAndLogsTheBlock() {
        open();

        click("add-5");

        waitForText("counter", "5");
        assertEquals("1", text("height"));
        WebElement block = newestBlock();
        assertTrue(block.getText().contains("add 5"), block.getText());
        assertTrue(block.getText().contains("yours"), "the page marks the block with its input");
        waitForNode(null, ".counter", "5");
    }

    @Test
    void twoSignersNamedOnThePageOnlyTheFedOneCountsAndTheTreeShowsWhereTheBlockWent() {
        open();

        createFromPage("alice", "bob");
        String alice = id("alice");
        String bob = id("bob");
        assertEquals("alice", nodeText(alice, ".name"));
        assertEquals("bob", nodeText(bob, ".name"));

        node(alice).click();
        click("add-5");

        waitForNode(alice, ".counter", "5");
        long height = proposer.last().height();
        assertEquals("0", nodeText(bob, ".counter"), "bob got nothing");
        assertEquals("0", nodeText(null, ".counter"), "the server's own counter did not move");
        WebElement fed = row(alice);
        assertEquals("1 tx · #" + height, fed.findElement(By.className("edge-label")).getText());
        assertTrue(hasClass(fed, "latest"), "alice's edge is lit");
        assertEquals(String.valueOf(height), fed.getDomAttribute("data-fed"));
        assertEquals("", row(bob).findElement(By.className("edge-label")).getText());
        assertFalse(hasClass(row(bob), "latest"));
        assertEquals("block #" + height + ": value 0 → alice (1 tx)", text("route"));
        assertTrue(newestBlock().getText().contains("1 tx: alice: add 5"), newestBlock().getText());
        assertEquals("✓", nodeText(null, ".check"), "the page applied the block itself");
    }

    @Test
    void addGoesToTheServerOrToTheSignerChosenByClickOrDropdown() {
        proposer.submit(createInput("carol"), true);
        open();
        createFromPage("alice");
        String alice = id("alice");
        String carol = id("carol");

        new Select(driver.findElement(By.id("target"))).selectByVisibleText("signer alice");
        assertTrue(hasClass(row(alice), "target"));
        click("add-1");
        waitForNode(alice, ".counter", "1");

        node(carol).click(); // a signer this browser did not name: by its short id
        assertEquals(carol, driver.findElement(By.id("target")).getDomProperty("value"));
        typeAmount("42");
        click("add-custom");
        waitForNode(carol, ".counter", "42");
        waitForText("sent-what", "add 42 to signer " + carol.substring(0, 8) + "…");

        driver.findElement(By.id("root")).click();
        assertEquals("", driver.findElement(By.id("target")).getDomProperty("value"));
        click("add-5");

        waitForText("counter", "5");
        assertEquals("1", nodeText(alice, ".counter"));
        assertEquals("42", nodeText(carol, ".counter"));
        assertEquals("add 5 to the server", text("sent-what"));
        assertTrue(text("own").startsWith("own txs, #" + proposer.last().height() + ": add 5"),
                text("own"));
    }

    @Test
    void aPageWithoutTheTokenWatchesButCannotSend() {
        openAt("/");

        assertEquals("Watching only: inputs need the API token. " + LINK, text("access"));
        for (String control : List.of("add-1", "add-5", "add-custom", "create-signer", "target")) {
            assertFalse(driver.findElement(By.id(control)).isEnabled(), control + " is enabled");
        }
        proposer.submit(createInput("alice"), true);
        proposer.submit(addInput(3), true);

        waitForText("counter", "3"); // it still watches
        waitForNode(id("alice"), ".counter", "0");
    }

    @Test
    void aWrongTokenShowsTheServersErrorAndThePageKeepsWatching() {
        openAt("/?token=not-the-token");

        waitForText("access", "The server says: wrong API token; this connection can watch, but"
                + " its inputs will be refused. " + LINK);
        assertFalse(driver.findElement(By.id("add-5")).isEnabled());
        assertFalse(driver.findElement(By.id("create-signer")).isEnabled());
        proposer.submit(addInput(4), true);

        waitForText("counter", "4");
        assertFalse(driver.findElement(By.id("error")).isDisplayed(), "no error but the notice");
    }

    @Test
    void signerNamesSurviveAReloadAndOthersShowAsShortIds() {
        open();
        createFromPage("alice");
        proposer.submit(createInput("mallory"), true); // created by someone else
        String mallory = id("mallory");
        waitForNode(mallory, ".counter", "0");

        driver.navigate().refresh();
        waitUntilShown();

        waitForNode(id("alice"), ".name", "alice");
        assertEquals("", nodeText(mallory, ".name"));
        assertEquals(mallory.substring(0, 8) + "…", nodeText(mallory, ".id"));
        List<String> targets = new Select(driver.findElement(By.id("target"))).getOptions()
                .stream().map(WebElement::getText).toList();
        assertEquals(List.of("the server", "signer " + mallory.substring(0, 8) + "…",
                "signer alice"), targets, "by id: mallory's 0x8093… before alice's 0x9c02…");
    }

    @Test
    void creatingASignerTwiceShowsTheServersError() {
        open();
        createFromPage("alice");
        assertEquals(BLOCK + " › mempool [keys, values] › values › tx 0 › id (signer alice)",
                whereOf("a0 9c 02 57"), "the id of createSigner, in the latest block");

        typeInto("signer-name", "alice");
        click("create-signer");

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error-text"),
                "createSigner alice: tx 0: createSigner: signer " + id("alice")
                        + " exists already"));
    }

    @Test
    void aTreeOfManySignersShowsTheFirstHundredAndSaysHowManyMore() {
        List<Tx> creates = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            creates.add(new Tx.CreateSigner(Id.of(Keccak.hash(new byte[] {(byte) i}))));
        }
        open();

        proposer.submit(new Input(List.of(), creates).encode(), true);

        waitForText("more-signers", "and 5 more signers, not shown");
        assertEquals(100, driver.findElements(By.cssSelector("#signers li")).size());
        assertEquals("block #1: values 0–104 → the server itself (105 txs)", text("route"));
    }

    @Test
    void theInspectorExplainsEachByteOfTheLatestBlock() {
        open();

        click("add-5");

        waitForText("rlp-title", "block #1");
        Block block = proposer.last().block();
        List<WebElement> bytes = driver.findElements(By.cssSelector("#rlp-bytes .byte"));
        assertEquals(85, bytes.size());
        assertEquals("long list header: 0xf7 + 1 → the length follows in the next 1 byte,"
                + " big-endian", explanation(bytes.get(0)));
        assertEquals("length byte: 0x53 = 83 → a list whose items take the next 83 bytes",
                explanation(bytes.get(1)));
        assertEquals("string header: 0x80 + 32 → a string of 32 bytes: 0x" + "00".repeat(32),
                explanation(bytes.get(2)));
        assertEquals(BLOCK + " › prevHash", bytes.get(2).getDomAttribute("data-where"));
        assertEquals("0x01: a single byte below 0x80 is its own encoding: 1",
                explanation(bytes.get(35)));
        assertTrue(explanation(bytes.get(36)).startsWith("string header: 0x80 + 6 → a string of"
                + " 6 bytes: " + block.timestamp() + " ("), explanation(bytes.get(36)));
        assertEquals("c8 c0 c6 c5 83 61 64 64 05", texts(bytes.subList(43, 52)));
        assertEquals("string header: 0x80 + 32 → a string of 32 bytes: "
                + Hex.of(block.stateHash()), explanation(bytes.get(52)));
        WebElement add = bytes.get(47);
        assertEquals("string header: 0x80 + 3 → a string of 3 bytes: 'add'", explanation(add));
        assertTrue(hasClass(add, "string-header"));

        new Actions(driver).moveToElement(add).perform();

        waitForText("rlp-explain", "83 string header: 0x80 + 3 → a string of 3 bytes: 'add'\n"
                + "in " + BLOCK + " › mempool [keys, values] › values › tx 0 › method");
    }

    @Test
    void theInspectorNamesEachKeyAndChildMempoolByItsSigner() {
        open();
        createFromPage("alice");
        proposer.submit(createInput("bob"), true);
        waitForNode(id("bob"), ".counter", "0");
        loop.close(); // the ticks by hand: the three inputs below go into one block
        node(id("alice")).click();
        click("add-5");
        waitForTextIn("sent-answer", "accepted as ");
        proposer.submit(addInput(id("bob"), 2, 3), true);
        proposer.submit(addInput(1), true);

        proposer.tick(System.currentTimeMillis());

        waitForNode(id("bob"), ".counter", "5");
        String mempool = BLOCK + " › mempool [keys, values]";
        String bob = id("bob").substring(0, 8) + "…";
        // keccak256("bob") = 0x38e47a… sorts before keccak256("alice") = 0x9c0257…
        assertEquals(mempool + " › keys › key 0 (signer " + bob + ")", whereOf("a0 38 e4 7a"));
        assertEquals(mempool + " › keys › key 1 (signer alice)", whereOf("a0 9c 02 57"));
        assertEquals(mempool + " › values › value 0: mempool of signer " + bob
                + " › values › tx 1 › amount", whereOf("64 64 03"));
        assertEquals(mempool + " › values › value 1: mempool of signer alice › values"
                + " › tx 0 › amount", whereOf("64 64 05"));
        assertEquals(mempool + " › values › tx 0 › amount", whereOf("64 64 01"));
        String notes = text("rlp-bytes");
        assertTrue(notes.contains("value 1: mempool of signer alice: 2 items"), notes);
        long height = proposer.last().height();
        assertEquals("block #" + height + ": value 0 → " + bob + " (2 txs) · value 1 → alice"
                + " (1 tx) · value 2 → the server itself (1 tx)", text("route"));
        assertEquals("2 txs · #" + height, row(id("bob")).findElement(By.className("edge-label"))
                .getText());
        assertTrue(newestBlock().getText().contains("4 txs: " + bob + ": add 2 add 3 alice: add 5"
                + " … and 1 more"), newestBlock().getText());
    }

    @Test
    void aZeroAmountShowsTheServersErrorOnThePage() {
        open();

        typeAmount("0");
        click("add-custom");

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error-text"),
                "tx 0: add: amount must be >= 1, got 0"));
        assertTrue(driver.findElement(By.id("error")).isDisplayed());
        assertEquals("0", text("counter"));
    }

    @Test
    void amountsAndCountersStayExactBeyondWhatAJavaScriptNumberHolds() {
        open();
        createFromPage("alice");
        node(id("alice")).click();

        typeAmount("18446744073709551615"); // 2^64 - 1, the largest amount
        click("add-custom");
        waitForNode(id("alice"), ".counter", "18446744073709551615");
        click("add-1");

        waitForNode(id("alice"), ".counter", "18446744073709551616");
        assertEquals("✓", nodeText(null, ".check"));
    }

    @Test
    void theLastInputSentCanBeInspectedByteByByte() {
        open();
        createFromPage("alice");
        node(id("alice")).click();
        click("add-5");
        waitForText("sent-answer", "committed in block #2");

        click("sent-bytes");

        waitForText("rlp-title", "your input add 5 to signer alice");
        List<WebElement> bytes = driver.findElements(By.cssSelector("#rlp-bytes .byte"));
        assertEquals("input [path, txs] › path › id 0 (signer alice)",
                bytes.get(3).getDomAttribute("data-where"));
        assertEquals("input [path, txs] › txs › tx 0 › amount",
                bytes.get(41).getDomAttribute("data-where"));
    }

    @Test
    void theSameInputTwiceMarksBothBlocksAsYours() {
        open();
        click("add-1");
        waitForText("counter", "1");

        click("add-1"); // the same bytes, so the same hash as the input in block 1

        waitForText("sent-answer", "committed in block #2");
        assertTrue(newestBlock().getText().contains("yours"), newestBlock().getText());
    }

    @Test
    void aHugeBlockShowsOnlyItsFirstTxsAndBytes() {
        open();
        List<Tx> txs = Collections.nCopies(100_000, new Tx.Add(1));

        proposer.submit(new Input(List.of(), txs).encode(), true);

        waitForText("counter", "100000");
        String block = newestBlock().getText();
        assertTrue(block.contains("100,000 txs: add 1 add 1 add 1 … and 99,997 more"), block);
        int size = Rlp.encode(proposer.last().block().encode()).length;
        assertEquals(512, driver.findElements(By.cssSelector("#rlp-bytes .byte")).size());
        assertEquals(String.format("… showing the first 512 of %,d bytes", size),
                driver.findElement(By.cssSelector("#rlp-bytes .cut")).getText());
        WebElement first = driver.findElement(By.cssSelector("#rlp-bytes .byte"));
        assertEquals("long list header: 0xf7 + 3 → the length follows in the next 3 bytes,"
                + " big-endian", explanation(first));
        assertEquals("100000", nodeText(null, ".counter"), "from the server: the event is cut");
        assertEquals("✓", nodeText(null, ".check"));
    }

    @Test
    void blocksAppearAsCardsEachLinkedByItsPrevHashToTheCardBefore() {
        open();

        sendBlocks(5, 7, 9);

        List<WebElement> cards = waitForCards(3);
        for (int i = 0; i < cards.size(); i++) {
            WebElement card = cards.get(i);
            long height = i + 1;
            assertEquals(String.valueOf(height), card.getDomAttribute("data-height"));
            assertEquals(Hex.of(storage.hashAt(height).orElseThrow()), hashIn(card, "hash-row"));
            String before = i == 0 ? Hex.of(Block.ZERO_HASH) : hashIn(cards.get(i - 1), "hash-row");
            assertEquals(before, hashIn(card, "prev-row"), "block #" + height + "'s prev");
            assertEquals(i == 0 ? "genesis" : "linked", card.getDomAttribute("class"));
        }
        String newest = cards.get(2).getText();
        assertTrue(newest.startsWith("#3\n1 tx\nhash 0x"), newest);
        assertTrue(newest.contains("prev " + hashIn(cards.get(1), "hash-row").substring(0, 8)
                + "…"), newest);
    }

    @Test
    void clickingACardOpensTheBlockDecodedWithItsHashesCheckedAndItsRlpInTheInspector() {
        proposer.submit(createInput("alice"), true);
        open();
        waitForNode(id("alice"), ".counter", "0");
        proposer.submit(addInput(id("alice"), 4), true);
        waitForNode(id("alice"), ".counter", "4");
        sendBlocks(7, 9);
        WebElement third = waitForCards(3).get(1); // block 1 came before the page

        third.click();

        waitForText("rlp-title", "block #3, opened");
        Block block = blockAt(3);
        String opened = driver.findElement(By.id("opened")).getText();
        assertTrue(opened.contains("hash\n" + Hex.of(storage.hashAt(3).orElseThrow())
                + "\n✓ = keccak256 of the RLP below, computed by this page"), opened);
        assertTrue(opened.contains("prev\n" + Hex.of(block.prevHash())
                + " = the hash of block #2"), opened);
        assertTrue(opened.contains("state\n" + Hex.of(block.stateHash())
                + "\n✓ = keccak256(rlp([counter, [[id, keccak256(rlp([its counter]))], …]])) of"
                + " the state after it: the counter 7 and 1 signer, computed by this page"),
                opened);
        assertTrue(opened.contains("routing\nvalue 0 → the server itself (1 tx)"), opened);
        assertTrue(opened.contains("txs\n1 tx: add 7"), opened);
        assertTrue(opened.contains("counter\n7 after this block"), opened);
        String alice = id("alice").substring(0, 8) + "…";
        assertTrue(opened.contains("signers\n1 after this block: " + alice + " 4"), opened);
        assertTrue(opened.contains("size\n85 bytes of RLP"), opened);
        assertTrue(hasClass(third, "selected"));
        List<WebElement> bytes = driver.findElements(By.cssSelector("#rlp-bytes .byte"));
        assertEquals(85, bytes.size());
        assertEquals(Hex.of(block.prevHash()).substring(2),
                texts(bytes.subList(3, 35)).replace(" ", ""));
        assertEquals(BLOCK + " › mempool [keys, values] › values › tx 0 › amount",
                bytes.get(51).getDomAttribute("data-where"));
        assertEquals("0x07: a single byte below 0x80 is its own encoding: 7",
                explanation(bytes.get(51)));
    }

    @Test
    void clickingABlockInTheLogOpensItUntilTheUserFollowsTheLatestAgain() {
        open();
        click("add-1");
        waitForText("counter", "1");
        click("add-5");
        waitForText("counter", "6");

        driver.findElement(By.cssSelector("#log li[data-height='1']")).click();

        waitForText("rlp-title", "block #1, opened");
        assertEquals("c8 c0 c6 c5 83 61 64 64 01",
                texts(driver.findElements(By.cssSelector("#rlp-bytes .byte")).subList(43, 52)));
        assertTrue(text("opened").contains("counter\n1 after this block"), text("opened"));

        click("rlp-follow");

        waitForText("rlp-title", "block #2");
        assertTrue(!driver.findElement(By.id("opened")).isDisplayed(), "the block is closed");
    }

    @Test
    void theTimeMachineShowsTheCounterAfterAnEarlierBlockUntilTheUserGoesBackToLive() {
        open();
        sendBlocks(5, 7);
        WebElement slider = driver.findElement(By.id("history"));

        slider.sendKeys(Keys.HOME); // to the first block, as a keyboard user would

        waitForText("counter", "5");
        assertEquals("1", text("past-height"));
        assertEquals("2", text("now-height"));
        assertTrue(text("past-line").contains("in the past"), text("past-line"));
        WebElement state = driver.findElement(By.id("state-card"));
        assertTrue(hasClass(state, "past"), "the card looks like the past");
        assertEquals(Hex.of(blockAt(1).stateHash()),
                driver.findElement(By.id("state-hash")).getDomAttribute("title"));

        proposer.submit(addInput(9), true); // the chain goes on while the page shows the past
        waitForText("now-height", "3");
        assertEquals("5", text("counter"));

        click("live");

        waitForText("counter", "21");
        assertTrue(!driver.findElement(By.id("past-line")).isDisplayed());
        assertEquals("3", slider.getDomProperty("value"));
    }

    @Test
    void theTimeMachineShowsTheSignersAsTheyWereAfterAnEarlierBlock() {
        open();
        createFromPage("alice", "bob"); // blocks 1 and 2
        String alice = id("alice");
        proposer.submit(addInput(alice, 5), true);
        waitForNode(alice, ".counter", "5");
        proposer.submit(addInput(alice, 7), true);
        waitForNode(alice, ".counter", "12");
        WebElement slider = driver.findElement(By.id("history"));

        slider.sendKeys(Keys.HOME, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT); // block 3

        waitForText("past-height", "3");
        waitForNode(alice, ".counter", "5");
        assertEquals("0", nodeText(id("bob"), ".counter"));
        assertTrue(hasClass(driver.findElement(By.id("tree-card")), "past"));
        assertEquals("in the past, block #3: value 0 → alice (1 tx)", text("route"));
        assertTrue(hasClass(row(alice), "latest"), "the routing of #3");
        assertEquals("1 tx · #3", row(alice).findElement(By.className("edge-label")).getText());

        slider.sendKeys(Keys.HOME); // block 1: bob is not there yet

        waitForText("route", "in the past, block #1: value 0 → the server itself (1 tx)");
        waitForNode(alice, ".counter", "0");
        assertEquals(List.of(), driver.findElements(signerRow(id("bob"))));

        click("live");

        waitForNode(alice, ".counter", "12");
        assertEquals("0", nodeText(id("bob"), ".counter"));
        assertFalse(hasClass(driver.findElement(By.id("tree-card")), "past"));
    }

    @Test
    void theChartDrawsTheTxsAndTheSizeOfEveryBlock() {
        open();

        sendBlocks(1, 2);
        proposer.submit(addInput(3, 4, 5), true);

        waitForText("counter", "15");
        wait.until(d -> chart(".dot", "data-bytes").size() == 3);
        assertEquals(List.of("85", "85", "97"), chart(".dot", "data-bytes"));
        List<String> txsPerSecond = chart(".bar", "data-txs"); // one bar a second: 1 to 3 bars
        assertEquals(5, txsPerSecond.stream().mapToInt(Integer::parseInt).sum(), "" + txsPerSecond);
        assertTrue(chart(".label", "textContent").contains("97 bytes a block"));
        assertTrue(text("chart-now").endsWith("the latest block has 97 bytes"), text("chart-now"));
    }

    @Test
    void reconnectsByItselfWhenTheServerComesBack() {
        open();
        int port = web.port();

        web.close();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                "reconnecting"));
        web = new Web(proposer, storage, TOKEN).start("127.0.0.1", port);

        waitForText("status", "connected");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("add-5")));
        click("add-5");
        waitForText("counter", "5");
    }

    @Test
    void aFewSignersAFedOneAndTheRoutingOfItsBlockMakeTheScreenshot() throws IOException {
        open();
        createFromPage("alice", "bob", "carol", "dave");
        String alice = id("alice");
        String bob = id("bob");
        node(bob).click();
        click("add-5");
        waitForNode(bob, ".counter", "5");
        for (int txs = 1; txs <= 8; txs++) { // blocks of 1, 4, 9, ... 64 txs, for the chart
            List<Tx> ones = Collections.nCopies(txs * txs, new Tx.Add(1));
            proposer.submit(new Input(List.of(Id.of(Hex.parse(id("carol")))), ones).encode(), true);
            waitForNode(id("carol"), ".counter", String.valueOf(sumOfSquares(txs)));
        }
        loop.close(); // the ticks by hand: the three inputs below go into one block
        node(alice).click();
        typeAmount("42");
        click("add-custom");
        waitForTextIn("sent-answer", "accepted as ");
        proposer.submit(addInput(alice, 8), true);
        proposer.submit(addInput(1), true);
        proposer.tick(System.currentTimeMillis());
        waitForNode(alice, ".counter", "50");
        long height = proposer.last().height();

        driver.findElement(By.cssSelector("#chain li:last-child")).click();
        waitForText("rlp-title", "block #" + height + ", opened");
        WebElement amount = driver.findElements(By.cssSelector("#rlp-bytes .byte")).stream()
                .filter(b -> b.getText().equals("2a")
                        && b.getDomAttribute("data-where").endsWith(" › amount"))
                .findFirst().orElseThrow(); // alice's add 42
        new Actions(driver).moveToElement(amount).perform();
        waitForTextIn("rlp-explain", "mempool of signer alice › values › tx 0 › amount");
        assertEquals("2 txs · #" + height, row(alice).findElement(By.className("edge-label"))
                .getText());
        waitForAnimations();

        browser.screenshot(screenshotFiles());
    }

    /** Where the screenshot goes: target/, and into the book when asked to update it. */
    private static List<Path> screenshotFiles() {
        Path module = Path.of(System.getProperty("basedir", ""));
        List<Path> files = new ArrayList<>();
        files.add(module.resolve("target/screenshots").resolve(SCREENSHOT));
        if (Boolean.getBoolean("screenshots.update")) {
            files.add(module.resolve("../book/src/docs/asciidoc/images").resolve(SCREENSHOT));
        }
        return files;
    }

    /** Loads the page with the API token and waits until it shows the server's state. */
    private void open() {
        openAt("/?token=" + TOKEN);
    }

    /**
     * Loads the page at {@code path} and waits until it is connected and shows the state. The
     * page starts with no names: a port may serve an earlier test, and names stay per origin.
     */
    private void openAt(String path) {
        driver.get("http://127.0.0.1:" + web.port() + "/api/state"); // the origin, not the page
        ((JavascriptExecutor) driver).executeScript("localStorage.clear()");
        driver.get("http://127.0.0.1:" + web.port() + path);
        waitUntilShown();
    }

    private static void waitUntilShown() {
        waitForText("status", "connected");
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("height"), "–")));
    }

    /** Creates signers by name from the page, one input each, and waits for their nodes. */
    private static void createFromPage(String... names) {
        for (String name : names) {
            typeInto("signer-name", name);
            click("create-signer");
            waitForNode(id(name), ".counter", "0");
        }
    }

    /** One block per amount for the server, each shown on the page before the next input goes. */
    private void sendBlocks(long... amounts) {
        long counter = proposer.last().state().counter().longValueExact();
        for (long amount : amounts) {
            proposer.submit(addInput(amount), true);
            counter += amount;
            waitForText("counter", String.valueOf(counter));
        }
    }

    /** The committed block at {@code height}, as storage has it. */
    private Block blockAt(long height) {
        return Block.decode(storage.block(storage.hashAt(height).orElseThrow()).orElseThrow());
    }

    /** The id the page makes of a name: keccak256 of its UTF-8 bytes, as 0x-hex. */
    private static String id(String name) {
        return Hex.of(Keccak.hash(name.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] createInput(String name) {
        Tx create = new Tx.CreateSigner(Id.of(Hex.parse(id(name))));
        return new Input(List.of(), List.of(create)).encode();
    }

    private static byte[] addInput(long... amounts) {
        return addInput(null, amounts);
    }

    /** {@code add}s for the signer {@code signer} (0x-hex), or for the server (null). */
    private static byte[] addInput(String signer, long... amounts) {
        List<Tx> txs = new ArrayList<>();
        for (long amount : amounts) {
            txs.add(new Tx.Add(amount));
        }
        List<Id> path = signer == null ? List.of() : List.of(Id.of(Hex.parse(signer)));
        return new Input(path, txs).encode();
    }

    private static long sumOfSquares(int n) {
        return (long) n * (n + 1) * (2 * n + 1) / 6;
    }

    private static By signerRow(String id) {
        return By.cssSelector("#signers li[data-id='" + id + "']");
    }

    private static WebElement row(String id) {
        return driver.findElement(signerRow(id));
    }

    /** A signer's node in the tree, or the server's (null). */
    private static WebElement node(String id) {
        return id == null ? driver.findElement(By.id("root"))
                : row(id).findElement(By.className("node"));
    }

    private static By inNode(String id, String part) {
        return id == null ? By.cssSelector("#root " + part)
                : By.cssSelector("#signers li[data-id='" + id + "'] .node " + part);
    }

    private static String nodeText(String id, String part) {
        return driver.findElement(inNode(id, part)).getText();
    }

    private static void waitForNode(String id, String part, String text) {
        wait.until(ExpectedConditions.textToBe(inNode(id, part), text));
    }

    /**
     * Where the inspector says the last byte of a run of bytes is ({@code hex}, e.g. "64 64 05":
     * the amount after an 'add'), at the run's first place.
     */
    @SuppressWarnings("unchecked")
    private static String whereOf(String hex) {
        List<String> wheres = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "const bytes = [...document.querySelectorAll('#rlp-bytes .byte')];"
                        + " const run = arguments[0].split(' ');"
                        + " return bytes.flatMap((b, i) => run.every((h, j) =>"
                        + " bytes[i + j]?.textContent === h) ? [bytes[i + run.length - 1]] : [])"
                        + ".map(b => b.dataset.where)",
                hex);
        assertTrue(!wheres.isEmpty(), "no bytes " + hex + " in the inspector");
        return wheres.get(0);
    }

    /**
     * What the chart's bars, dots or labels say, read in one go: the chart draws itself anew every
     * second, so elements found one call earlier may be gone.
     */
    @SuppressWarnings("unchecked")
    private static List<String> chart(String shapes, String attribute) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('#chart ' + arguments[0])].map(e =>"
                        + " arguments[1] === 'textContent' ? e.textContent"
                        + " : e.getAttribute(arguments[1]))",
                shapes, attribute);
    }

    private static List<WebElement> waitForCards(int count) {
        wait.until(d -> d.findElements(By.cssSelector("#chain li")).size() == count);
        return driver.findElements(By.cssSelector("#chain li"));
    }

    /** The full hash a card shows in one of its rows (it shows a few characters of it). */
    private static String hashIn(WebElement card, String row) {
        return card.findElement(By.cssSelector("." + row + " .hash")).getDomAttribute("data-hash");
    }

    /** Waits until cards stop sliding in and nodes stop pulsing, for a still screenshot. */
    private static void waitForAnimations() {
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return document.getAnimations().length === 0"));
    }

    private static boolean hasClass(WebElement element, String name) {
        return List.of(element.getDomProperty("className").split(" ")).contains(name);
    }

    private static void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    private static void typeAmount(String amount) {
        typeInto("amount", amount);
    }

    private static void typeInto(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static void waitForText(String id, String text) {
        wait.until(ExpectedConditions.textToBe(By.id(id), text));
    }

    /** Waits until the element's text holds {@code text}, anywhere in it. */
    private static void waitForTextIn(String id, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    private static WebElement newestBlock() {
        return driver.findElement(By.cssSelector("#log li:first-child"));
    }

    /** What the inspector says about a byte when the pointer is on it. */
    private static String explanation(WebElement byteInInspector) {
        return byteInInspector.getDomAttribute("data-explain");
    }

    private static String texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).collect(Collectors.joining(" "));
    }
}
