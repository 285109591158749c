package machines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The visualizer in a real browser: the server runs in this JVM with its proposer loop and a
 * database in a temporary directory, and headless Chromium loads the page from it, clicks, and
 * reads what the page shows. Every wait is for something to appear on the page, never for time
 * to pass.
 */
class VisualizerTest {
    private static final String SCREENSHOT = "step1-blocks.png";
    private static final String BLOCK = "block [prevHash, height, timestamp, mempool, stateHash]";

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
            browser = Browser.start(1280, 1530);
            driver = browser.driver();
            // Blocks come every 100 ms: polling every half second (the default) would be slow.
            wait = new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(20));
        }
        storage = Storage.open(data, true, false); // no sync: the tests do not crash the disk
        proposer = new Proposer(storage, 0); // no auto-add: only the tests move the counter
        web = new Web(proposer, storage).start("127.0.0.1", 0);
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
        proposer.submit(addInput(7));
        proposer.tick(System.currentTimeMillis()); // committed now, whether or not the loop is first

        open();

        waitForText("counter", "7");
        assertEquals("1", text("height"));
        assertEquals(Hex.of(proposer.last().block().stateHash()),
                driver.findElement(By.id("state-hash")).getDomAttribute("title"));
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
        assertTrue(add.getDomAttribute("class").contains("string-header"));

        new Actions(driver).moveToElement(add).perform();

        waitForText("rlp-explain", "83 string header: 0x80 + 3 → a string of 3 bytes: 'add'\n"
                + "in " + BLOCK + " › mempool [keys, values] › values › tx 0 › method");
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

        typeAmount("18446744073709551615"); // 2^64 - 1, the largest amount
        click("add-custom");
        waitForText("counter", "18446744073709551615");
        click("add-1");

        waitForText("counter", "18446744073709551616");
    }

    @Test
    void theLastInputSentCanBeInspectedByteByByte() {
        open();
        click("add-5");
        waitForText("sent-answer", "committed in block #1");

        click("sent-bytes");

        waitForText("rlp-title", "your input add 5");
        WebElement amount = driver.findElements(By.cssSelector("#rlp-bytes .byte")).get(8);
        assertEquals("input [path, txs] › txs › tx 0 › amount", amount.getDomAttribute("data-where"));
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

        proposer.submit(new Input(List.of(), txs).encode());

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
        open();
        sendBlocks(5, 7, 9);
        WebElement second = waitForCards(3).get(1);

        second.click();

        waitForText("rlp-title", "block #2, opened");
        Block block = blockAt(2);
        String opened = driver.findElement(By.id("opened")).getText();
        assertTrue(opened.contains("hash\n" + Hex.of(storage.hashAt(2).orElseThrow())
                + "\n✓ = keccak256 of the RLP below, computed by this page"), opened);
        assertTrue(opened.contains("prev\n" + Hex.of(block.prevHash())
                + " = the hash of block #1"), opened);
        assertTrue(opened.contains("state\n" + Hex.of(block.stateHash())
                + "\n✓ = keccak256(rlp([counter])) of the counter after it, 12"), opened);
        assertTrue(opened.contains("txs\n1 tx: add 7"), opened);
        assertTrue(opened.contains("counter\n12 after this block"), opened);
        assertTrue(opened.contains("size\n85 bytes of RLP"), opened);
        assertTrue(second.getDomAttribute("class").contains("selected"));
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
        assertTrue(state.getDomAttribute("class").contains("past"), "the card looks like the past");
        assertEquals(Hex.of(blockAt(1).stateHash()),
                driver.findElement(By.id("state-hash")).getDomAttribute("title"));

        proposer.submit(addInput(9)); // the chain goes on while the page shows the past
        waitForText("now-height", "3");
        assertEquals("5", text("counter"));

        click("live");

        waitForText("counter", "21");
        assertTrue(!driver.findElement(By.id("past-line")).isDisplayed());
        assertEquals("3", slider.getDomProperty("value"));
    }

    @Test
    void theChartDrawsTheTxsAndTheSizeOfEveryBlock() {
        open();

        sendBlocks(1, 2);
        proposer.submit(addInput(3, 4, 5));

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
        web = new Web(proposer, storage).start("127.0.0.1", port);

        waitForText("status", "connected");
        click("add-5");
        waitForText("counter", "5");
    }

    @Test
    void aFewBlocksFillTheChainTheLogTheChartAndTheInspector() throws IOException {
        open();
        click("add-1");
        waitForText("counter", "1");
        click("add-5");
        waitForText("counter", "6");
        typeAmount("42");
        click("add-custom");
        waitForText("counter", "48");
        long counter = 48;
        for (int txs = 1; txs <= 9; txs++) { // blocks of 1, 4, 9, ... 81 txs, for the chart
            List<Tx> ones = Collections.nCopies(txs * txs, new Tx.Add(1));
            proposer.submit(new Input(List.of(), ones).encode());
            counter += txs * txs;
            waitForText("counter", String.valueOf(counter));
        }
        proposer.submit(addInput(2, 3, 7)); // one input, three txs: one block
        waitForText("counter", String.valueOf(counter + 12));
        assertEquals(13, driver.findElements(By.cssSelector("#log li")).size());
        assertEquals(8, waitForCards(8).size());

        driver.findElement(By.cssSelector("#chain li:last-child")).click();
        waitForText("rlp-title", "block #13, opened");
        List<WebElement> bytes = driver.findElements(By.cssSelector("#rlp-bytes .byte"));
        new Actions(driver).moveToElement(bytes.get(53)).perform(); // the 83 before tx 1's 'add'
        waitForText("rlp-explain", "83 string header: 0x80 + 3 → a string of 3 bytes: 'add'\n"
                + "in " + BLOCK + " › mempool [keys, values] › values › tx 1 › method");
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

    /** Loads the page and waits until it is connected and shows the server's state. */
    private void open() {
        driver.get("http://127.0.0.1:" + web.port() + "/");
        waitForText("status", "connected");
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("height"), "–")));
    }

    /** One block per amount, each shown on the page before the next input goes. */
    private void sendBlocks(long... amounts) {
        long counter = proposer.last().state().counter().longValueExact();
        for (long amount : amounts) {
            proposer.submit(addInput(amount));
            counter += amount;
            waitForText("counter", String.valueOf(counter));
        }
    }

    /** The committed block at {@code height}, as storage has it. */
    private Block blockAt(long height) {
        return Block.decode(storage.block(storage.hashAt(height).orElseThrow()).orElseThrow());
    }

    private static byte[] addInput(long... amounts) {
        List<Tx> txs = new ArrayList<>();
        for (long amount : amounts) {
            txs.add(new Tx.Add(amount));
        }
        return new Input(List.of(), txs).encode();
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

    /** Waits until cards stop sliding in, so that the screenshot shows them where they stay. */
    private static void waitForAnimations() {
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return document.getAnimations().length === 0"));
    }

    private static void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    private static void typeAmount(String amount) {
        WebElement field = driver.findElement(By.id("amount"));
        field.clear();
        field.sendKeys(amount);
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static void waitForText(String id, String text) {
        wait.until(ExpectedConditions.textToBe(By.id(id), text));
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
