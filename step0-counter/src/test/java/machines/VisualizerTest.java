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
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The visualizer in a real browser: the server runs in this JVM with its proposer loop, and
 * headless Chromium loads the page from it, clicks, and reads what the page shows. Every wait
 * is for something to appear on the page, never for time to pass.
 */
class VisualizerTest {
    private static final String SCREENSHOT = "step0-counter.png";

    private static Browser browser;
    private static WebDriver driver;
    private static WebDriverWait wait;

    private Proposer proposer;
    private Web web;
    private Loop loop;

    @BeforeEach
    void start() throws IOException {
        if (browser == null) {
            // One browser for all the tests, started here rather than in a @BeforeAll so that
            // each test reports why it is skipped when Chromium is missing.
            browser = Browser.start(1280, 840);
            driver = browser.driver();
            // Ticks come every 100 ms: polling every half second (the default) would be slow.
            wait = new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(20));
        }
        proposer = new Proposer(0); // no auto-add: the counter moves only when a test says so
        web = new Web(proposer).start("127.0.0.1", 0);
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
        proposer.tick(System.currentTimeMillis()); // applied now, whether or not the loop was first

        open();

        waitForText("counter", "7");
        assertEquals("1", text("height"));
    }

    @Test
    void clickingAddFiveMovesTheCounterAndLogsTheTick() {
        open();

        click("add-5");

        waitForText("counter", "5");
        assertEquals("1", text("height"));
        WebElement tick = newestTick();
        assertTrue(tick.getText().contains("add 5"), tick.getText());
        assertTrue(tick.getText().contains("yours"), "the page marks the tick with its input");
    }

    @Test
    void theInspectorExplainsEachByteOfTheLatestMempool() {
        open();

        click("add-5");

        waitForText("rlp-title", "mempool of tick #1");
        List<WebElement> bytes = driver.findElements(By.cssSelector("#rlp-bytes .byte"));
        assertEquals("c8 c0 c6 c5 83 61 64 64 05", texts(bytes));
        assertEquals("list header: 0xc0 + 8 → a list whose items take the next 8 bytes",
                explanation(bytes.get(0)));
        assertEquals("list header: 0xc0 + 0 → the empty list", explanation(bytes.get(1)));
        WebElement add = bytes.get(4);
        assertEquals("string header: 0x80 + 3 → a string of 3 bytes: 'add'", explanation(add));
        assertTrue(add.getDomAttribute("class").contains("string-header"));
        assertEquals("0x05: a single byte below 0x80 is its own encoding: 5",
                explanation(bytes.get(8)));

        new Actions(driver).moveToElement(add).perform();

        waitForText("rlp-explain", "83 string header: 0x80 + 3 → a string of 3 bytes: 'add'\n"
                + "in mempool [keys, values] › values › tx 0 › method");
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
        waitForText("sent-answer", "applied at tick #1");

        click("sent-bytes");

        waitForText("rlp-title", "your input add 5");
        WebElement amount = driver.findElements(By.cssSelector("#rlp-bytes .byte")).get(8);
        assertEquals("input [path, txs] › txs › tx 0 › amount", amount.getDomAttribute("data-where"));
    }

    @Test
    void theSameInputTwiceMarksBothTicksAsYours() {
        open();
        click("add-1");
        waitForText("counter", "1");

        click("add-1"); // the same bytes, so the same hash as the input in tick 1

        waitForText("sent-answer", "applied at tick #2");
        assertTrue(newestTick().getText().contains("yours"), newestTick().getText());
    }

    @Test
    void aHugeMempoolShowsOnlyItsFirstTxsAndBytes() {
        open();
        List<Tx> txs = Collections.nCopies(100_000, new Tx.Add(1));

        proposer.submit(new Input(List.of(), txs).encode());

        waitForText("counter", "100000");
        String tick = newestTick().getText();
        assertTrue(tick.contains("100,000 txs: add 1 add 1 add 1 … and 99,997 more"), tick);
        int size = Rlp.encode(proposer.last().mempool().encode()).length;
        assertEquals(512, driver.findElements(By.cssSelector("#rlp-bytes .byte")).size());
        assertEquals(String.format("… showing the first 512 of %,d bytes", size),
                driver.findElement(By.cssSelector("#rlp-bytes .cut")).getText());
        WebElement first = driver.findElement(By.cssSelector("#rlp-bytes .byte"));
        assertEquals("long list header: 0xf7 + 3 → the length follows in the next 3 bytes,"
                + " big-endian", explanation(first));
    }

    @Test
    void clickingAnOlderTickShowsItsMempoolUntilTheUserFollowsTheLatestAgain() {
        open();
        click("add-1");
        waitForText("counter", "1");
        click("add-5");
        waitForText("counter", "6");

        driver.findElement(By.cssSelector("#log li[data-height='1']")).click();

        waitForText("rlp-title", "mempool of tick #1");
        assertEquals("c8 c0 c6 c5 83 61 64 64 01",
                texts(driver.findElements(By.cssSelector("#rlp-bytes .byte"))));

        click("rlp-follow");

        waitForText("rlp-title", "mempool of tick #2");
    }

    @Test
    void reconnectsByItselfWhenTheServerComesBack() {
        open();
        int port = web.port();

        web.close();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                "reconnecting"));
        web = new Web(proposer).start("127.0.0.1", port);

        waitForText("status", "connected");
        click("add-5");
        waitForText("counter", "5");
    }

    @Test
    void aFewTicksFillTheLogAndTheInspector() throws IOException {
        open();
        click("add-1");
        waitForText("counter", "1");
        click("add-5");
        waitForText("counter", "6");
        typeAmount("42");
        click("add-custom");
        waitForText("counter", "48");

        proposer.submit(addInput(2, 3, 7)); // one input, three txs: one tick

        waitForText("counter", "60");
        assertEquals(4, driver.findElements(By.cssSelector("#log li")).size());
        List<WebElement> bytes = driver.findElements(By.cssSelector("#rlp-bytes .byte"));
        assertEquals(1 + 1 + 1 + 3 * 6, bytes.size());
        new Actions(driver).moveToElement(bytes.get(10)).perform(); // the 83 before tx 1's 'add'
        waitForText("rlp-explain", "83 string header: 0x80 + 3 → a string of 3 bytes: 'add'\n"
                + "in mempool [keys, values] › values › tx 1 › method");

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

    private static byte[] addInput(long... amounts) {
        List<Tx> txs = new ArrayList<>();
        for (long amount : amounts) {
            txs.add(new Tx.Add(amount));
        }
        return new Input(List.of(), txs).encode();
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

    private static WebElement newestTick() {
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
