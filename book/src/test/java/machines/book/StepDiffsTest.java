package machines.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepDiffsTest {
    /** The reactor root: surefire passes it; run from the book module, it is the parent. */
    private static Path root() {
        return Path.of(System.getProperty("machines.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void committedDiffsMatchTheSteps() throws IOException {
        Path root = root();
        Path dir = root.resolve(StepDiffs.DIFFS);
        SortedMap<String, String> generated = StepDiffs.generate(root);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> entry : generated.entrySet()) {
            Path file = dir.resolve(entry.getKey());
            if (!Files.isRegularFile(file)) {
                problems.add(root.relativize(file) + " is missing: the steps have this pair,"
                        + " but no diff of it is committed");
                continue;
            }
            // LF in the generated text; a checkout may have turned the committed file to CRLF
            String committed = Files.readString(file, StandardCharsets.UTF_8)
                    .replace("\r\n", "\n");
            if (!committed.equals(entry.getValue())) {
                problems.add(root.relativize(file) + " is stale: "
                        + firstDifference(committed, entry.getValue()));
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (StepDiffs.isGenerated(name) && !generated.containsKey(name)) {
                    problems.add(root.relativize(file) + " belongs to no pair of consecutive"
                            + " steps (the steps are " + stepNames(root) + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems) + "\nThe committed diffs must match the steps."
                    + " Regenerate them, from the project's root, with:\n  "
                    + StepDiffs.REGENERATE + "\nand commit what it writes.");
        }
    }

    private static String stepNames(Path root) throws IOException {
        return String.join(", ", StepDiffs.steps(root).stream().map(StepDiffs.Step::name).toList());
    }

    /** Where two texts part, as "line N: committed '...', steps give '...'". */
    private static String firstDifference(String committed, String generated) {
        String[] a = committed.split("\n", -1);
        String[] b = generated.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? "'" + a[i] + "'" : "the end of the file";
            String y = i < b.length ? "'" + b[i] + "'" : "the end of the file";
            if (!x.equals(y)) {
                return "line " + (i + 1) + " is " + x + ", but the steps give " + y;
            }
        }
        return "they differ";
    }

    // The generator itself, on small made-up steps.

    @TempDir
    Path tmp;

    private Path write(String path, String text) throws IOException {
        return write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String path, byte[] bytes) throws IOException {
        Path file = tmp.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private String diff(int from, int to) throws IOException {
        List<StepDiffs.Step> steps = StepDiffs.steps(tmp);
        return StepDiffs.unified(StepDiffs.diff(steps.get(from), steps.get(to)));
    }

    private static String numbered(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i <= to; i++) {
            text.append("line ").append(i).append('\n');
        }
        return text.toString();
    }

    @Test
    void stepsAreOrderedByTheirNumberNotTheirName() throws IOException {
        for (String name : List.of("step10-ten", "step2-two", "step0-zero", "book", "stepx-no")) {
            Files.createDirectories(tmp.resolve(name));
        }
        assertEquals(List.of("step0-zero", "step2-two", "step10-ten"),
                StepDiffs.steps(tmp).stream().map(StepDiffs.Step::name).toList());
        assertEquals(List.of("step0-zero..step2-two.diff", "step0-zero..step2-two.summary.adoc",
                        "step2-two..step10-ten.diff", "step2-two..step10-ten.summary.adoc"),
                List.copyOf(StepDiffs.generate(tmp).keySet()));
    }

    @Test
    void twoStepsWithOneNumberAreAnError() throws IOException {
        Files.createDirectories(tmp.resolve("step1-blocks"));
        Files.createDirectories(tmp.resolve("step1-other"));
        assertThrows(IllegalStateException.class, () -> StepDiffs.steps(tmp));
    }

    @Test
    void aChangedFileGetsHunksWithThreeLinesOfContext() throws IOException {
        write("step0-a/src/main/java/machines/X.java", numbered(1, 20));
        write("step1-b/src/main/java/machines/X.java",
                numbered(1, 20).replace("line 10\n", "line ten\n"));
        assertEquals("""
                --- a/step0-a/src/main/java/machines/X.java
                +++ b/step1-b/src/main/java/machines/X.java
                @@ -7,7 +7,7 @@
                 line 7
                 line 8
                 line 9
                -line 10
                +line ten
                 line 11
                 line 12
                 line 13
                """, diff(0, 1));
    }

    @Test
    void addedAndRemovedFilesAreDiffedAgainstDevNull() throws IOException {
        write("step0-a/src/old.txt", "gone\n");
        write("step1-b/src/new.txt", "here\nnow\n");
        assertEquals("""
                --- /dev/null
                +++ b/step1-b/src/new.txt
                @@ -0,0 +1,2 @@
                +here
                +now
                --- a/step0-a/src/old.txt
                +++ /dev/null
                @@ -1,1 +0,0 @@
                -gone
                """, diff(0, 1));
    }

    @Test
    void onlyThePomAndSrcAreComparedInSortedPathOrder() throws IOException {
        for (String step : List.of("step0-a", "step1-b")) {
            write(step + "/target/classes/X.class", step);
            write(step + "/README.md", step);
        }
        write("step0-a/pom.xml", "<a/>\n");
        write("step1-b/pom.xml", "<b/>\n");
        write("step0-a/src/test/T.java", "t\n");
        write("step0-a/src/main/M.java", "m\n");
        write("step1-b/src/main/same.txt", "same\n");
        write("step0-a/src/main/same.txt", "same\n");
        String diff = diff(0, 1);
        List<String> headers = diff.lines().filter(line -> line.startsWith("--- ")).toList();
        assertEquals(List.of("--- a/step0-a/pom.xml", "--- a/step0-a/src/main/M.java",
                "--- a/step0-a/src/test/T.java"), headers);
    }

    @Test
    void aBinaryFileIsOneLine() throws IOException {
        write("step0-a/src/main/resources/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0});
        write("step1-b/src/main/resources/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1});
        assertEquals("Binary files a/step0-a/src/main/resources/logo.png and"
                + " b/step1-b/src/main/resources/logo.png differ\n", diff(0, 1));
    }

    @Test
    void aMissingNewlineAtTheEndIsMarked() throws IOException {
        write("step0-a/src/x.txt", "one\ntwo");
        write("step1-b/src/x.txt", "one\ntwo\n");
        assertEquals("""
                --- a/step0-a/src/x.txt
                +++ b/step1-b/src/x.txt
                @@ -1,2 +1,2 @@
                 one
                -two
                \\ No newline at end of file
                +two
                """, diff(0, 1));
    }

    @Test
    void lineEndingsAloneMakeNoDifference() throws IOException {
        write("step0-a/src/x.txt", "one\r\ntwo\r\n");
        write("step1-b/src/x.txt", "one\ntwo\n");
        assertEquals("", diff(0, 1));
    }

    @Test
    void theSummaryCountsTheLinesOfEveryFile() throws IOException {
        write("step0-a/src/x.txt", numbered(1, 10));
        write("step1-b/src/x.txt", numbered(1, 10).replace("line 5\n", "five\nand more\n"));
        write("step1-b/src/y.txt", numbered(1, 3));
        write("step0-a/src/z.bin", new byte[] {0});
        List<StepDiffs.Step> steps = StepDiffs.steps(tmp);
        String summary = StepDiffs.summary(steps.get(0), steps.get(1),
                StepDiffs.diff(steps.get(0), steps.get(1)));
        assertTrue(summary.contains("| src/x.txt\n| changed\n| 2\n| 1\n"), summary);
        assertTrue(summary.contains("| src/y.txt\n| added\n| 3\n| 0\n"), summary);
        assertTrue(summary.contains("| src/z.bin\n| removed (binary)\n| \n| \n"), summary);
        assertTrue(summary.contains("d| 3 files\n| 1 added, 1 changed, 1 removed\n| 5\n| 1\n"),
                summary);
    }

    @Test
    void regeneratingWritesEveryPairAndDeletesOrphans() throws IOException {
        write("step0-a/src/x.txt", "a\n");
        write("step1-b/src/x.txt", "b\n");
        Path orphan = write(StepDiffs.DIFFS + "/step1-b..step2-gone.diff", "old\n");
        Path unrelated = write(StepDiffs.DIFFS + "/notes.txt", "keep\n");
        assertEquals(List.of("deleted   " + StepDiffs.DIFFS + "/step1-b..step2-gone.diff"
                        + " (no such pair of steps)",
                "wrote     " + StepDiffs.DIFFS + "/step0-a..step1-b.diff",
                "wrote     " + StepDiffs.DIFFS + "/step0-a..step1-b.summary.adoc"),
                StepDiffs.regenerate(tmp));
        assertFalse(Files.exists(orphan));
        assertTrue(Files.exists(unrelated));
        Path diff = tmp.resolve(StepDiffs.DIFFS).resolve("step0-a..step1-b.diff");
        assertEquals(StepDiffs.generate(tmp).get("step0-a..step1-b.diff"), Files.readString(diff));
        assertTrue(Files.exists(diff.resolveSibling("step0-a..step1-b.summary.adoc")));
        assertEquals("unchanged " + StepDiffs.DIFFS + "/step0-a..step1-b.diff",
                StepDiffs.regenerate(tmp).get(0));
    }
}
