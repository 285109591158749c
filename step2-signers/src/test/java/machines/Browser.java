package machines;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.CdpVersionFinder;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium for the browser tests, driven by Selenium through ChromeDriver.
 *
 * <p>Both programs are the ones installed on the machine, named explicitly, so that Selenium
 * Manager never looks for (or downloads) a browser of its own: the tests run offline. Without
 * them the tests are skipped on a developer's machine, but fail on CI, where a skipped browser
 * test would hide a broken page.
 */
final class Browser implements AutoCloseable {
    private static final String INSTALL = "apt-get install chromium chromium-driver";
    /**
     * Selenium warns when it has no DevTools bindings for this Chromium's version; the tests
     * use WebDriver only, so the warning is noise. Held here: the JDK keeps loggers weakly.
     */
    private static final Logger CDP_VERSIONS = Logger.getLogger(CdpVersionFinder.class.getName());

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium with a fresh profile, or skips (on CI: fails) the calling tests. */
    static Browser start(int width, int height) throws IOException {
        CDP_VERSIONS.setLevel(Level.SEVERE);
        File chromium = installed("CHROMIUM", "/usr/bin/chromium");
        File chromedriver = installed("CHROMEDRIVER", "/usr/bin/chromedriver");
        Path profile = Files.createTempDirectory("machines-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                // no calls home: the tests must pass offline
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--no-first-run",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL); // so that uncaughtErrors() can read the console
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver)
                .usingAnyFreePort()
                .build();
        try {
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    private static File installed(String variable, String defaultPath) {
        String path = System.getenv().getOrDefault(variable, defaultPath);
        if (!new File(path).canExecute()) {
            String message = "no " + variable.toLowerCase() + " at " + path + " for the browser"
                    + " tests: install it with '" + INSTALL + "', or set " + variable
                    + " to where it is";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return new File(path);
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * The exceptions the page's JavaScript did not catch since the last call (a module that
     * does not load shows up here too). Other console errors, like a refused WebSocket while
     * the page reconnects, are the page doing its job.
     */
    List<String> uncaughtErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Uncaught"))
                .toList();
    }

    /** Saves what the window shows as a PNG to every one of {@code files}. */
    void screenshot(List<Path> files) throws IOException {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        for (Path file : files) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, png);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
