package machines.book;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The diff from each step to the next, as the book shows it: for every two consecutive step
 * modules ({@code stepN-...} directories at the reactor root, in the order of N), a unified
 * diff of their {@code pom.xml} and everything under {@code src/}, and a summary table of it
 * for the chapter. Both are committed under {@link #DIFFS}; {@code StepDiffsTest} regenerates
 * them in memory and fails when a committed one is stale.
 *
 * <p>The output depends on the files' contents only: files in sorted path order, no
 * timestamps, LF line endings (a file checked out with CRLF diffs as if it had LF), so that
 * every machine generates the same bytes.
 *
 * <p>The line diff and its hunks come from java-diff-utils rather than our own code: correct
 * unified-diff hunks are fiddly (a minimal edit script, then context that merges changes closer
 * than twice its size, and line counts that stay right for empty files and at both ends), and
 * none of that is what the book teaches. This class only picks the files, reads them, and
 * writes the headers, the binary lines and the summary.
 *
 * <p>Run by {@code ./mvnw -q -pl book compile exec:java} ({@link #REGENERATE}), with the
 * reactor root as its argument.
 */
public final class StepDiffs {
    /** Where the diffs are, from the reactor root. */
    public static final String DIFFS = "book/src/docs/asciidoc/diffs";
    /** The command that regenerates them, from the reactor root. */
    public static final String REGENERATE = "./mvnw -q -pl book compile exec:java";
    /** Unchanged lines shown around each change: the usual 3 of {@code diff -u} and git. */
    static final int CONTEXT = 3;

    private static final Pattern STEP = Pattern.compile("step(\\d+)-.+");
    private static final Pattern GENERATED = Pattern.compile(".+\\.\\..+\\.(diff|summary\\.adoc)");
    /**
     * A file whose last line has no newline: the marker goes on that line itself, so the line
     * differs from the same text with a newline, and a hunk that shows it shows the marker
     * right after it, where {@code diff -u} puts it.
     */
    private static final String NO_NEWLINE = "\n\\ No newline at end of file";

    private StepDiffs() {}

    /** A step module: its number and its directory's name. */
    public record Step(int number, String name, Path dir) {}

    /** What happened to a file from one step to the next. */
    public enum Change {
        ADDED, CHANGED, REMOVED;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One file's part of a diff: its path inside the step, what happened to it, its lines of
     * unified diff, and how many lines it adds and removes (none counted for a binary file).
     */
    public record FileDiff(String path, Change change, boolean binary, List<String> lines,
            int added, int removed) {}

    /** The step modules under {@code root}, in the order of their numbers. */
    public static List<Step> steps(Path root) throws IOException {
        List<Step> steps = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path dir : children.filter(Files::isDirectory).toList()) {
                String name = dir.getFileName().toString();
                Matcher matcher = STEP.matcher(name);
                if (matcher.matches()) {
                    steps.add(new Step(Integer.parseInt(matcher.group(1)), name, dir));
                }
            }
        }
        steps.sort(Comparator.comparingInt(Step::number));
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).number() == steps.get(i - 1).number()) {
                throw new IllegalStateException("two steps have the number "
                        + steps.get(i).number() + ": " + steps.get(i - 1).name() + " and "
                        + steps.get(i).name());
            }
        }
        return steps;
    }

    /** The names of the files that {@link #generate} writes for the pair {@code from, to}. */
    public static String diffName(Step from, Step to) {
        return from.name() + ".." + to.name() + ".diff";
    }

    public static String summaryName(Step from, Step to) {
        return from.name() + ".." + to.name() + ".summary.adoc";
    }

    /** Whether {@code fileName} is one that {@link #generate} could write. */
    public static boolean isGenerated(String fileName) {
        return GENERATED.matcher(fileName).matches();
    }

    /** Every file that belongs in {@link #DIFFS}: its name, and its contents. */
    public static SortedMap<String, String> generate(Path root) throws IOException {
        SortedMap<String, String> files = new TreeMap<>();
        List<Step> steps = steps(root);
        for (int i = 1; i < steps.size(); i++) {
            Step from = steps.get(i - 1);
            Step to = steps.get(i);
            List<FileDiff> diffs = diff(from, to);
            files.put(diffName(from, to), unified(diffs));
            files.put(summaryName(from, to), summary(from, to, diffs));
        }
        return files;
    }

    /** What changed from {@code from} to {@code to}, file by file in sorted path order. */
    public static List<FileDiff> diff(Step from, Step to) throws IOException {
        SortedSet<String> paths = new TreeSet<>(files(from.dir()));
        paths.addAll(files(to.dir()));
        List<FileDiff> diffs = new ArrayList<>();
        for (String path : paths) {
            byte[] before = read(from.dir(), path);
            byte[] after = read(to.dir(), path);
            if (before != null && after != null && Arrays.equals(before, after)) {
                continue;
            }
            Change change = before == null ? Change.ADDED
                    : after == null ? Change.REMOVED : Change.CHANGED;
            String oldName = before == null ? "/dev/null" : "a/" + from.name() + "/" + path;
            String newName = after == null ? "/dev/null" : "b/" + to.name() + "/" + path;
            List<String> oldLines = lines(before);
            List<String> newLines = lines(after);
            if (oldLines == null || newLines == null) {
                diffs.add(new FileDiff(path, change, true,
                        List.of("Binary files " + oldName + " and " + newName + " differ"), 0, 0));
                continue;
            }
            Patch<String> patch = DiffUtils.diff(oldLines, newLines);
            if (patch.getDeltas().isEmpty() && change == Change.CHANGED) {
                continue; // only the line endings differ
            }
            List<String> lines = new ArrayList<>();
            lines.add("--- " + oldName);
            lines.add("+++ " + newName);
            int added = 0;
            int removed = 0;
            if (!patch.getDeltas().isEmpty()) {
                List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(oldName, newName,
                        oldLines, patch, CONTEXT);
                lines.addAll(diff.subList(2, diff.size())); // its hunks, under our headers
                for (AbstractDelta<String> delta : patch.getDeltas()) {
                    removed += delta.getSource().size();
                    added += delta.getTarget().size();
                }
            }
            diffs.add(new FileDiff(path, change, false, lines, added, removed));
        }
        return diffs;
    }

    /** The unified diff: every file's lines, LF-terminated. */
    public static String unified(List<FileDiff> diffs) {
        StringBuilder text = new StringBuilder();
        for (FileDiff diff : diffs) {
            for (String line : diff.lines()) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }

    /** The AsciiDoc table the chapter shows above the diff: one row a file, and the totals. */
    public static String summary(Step from, Step to, List<FileDiff> diffs) {
        StringBuilder adoc = new StringBuilder();
        adoc.append("// Generated by machines.book.StepDiffs from ").append(from.name())
                .append(" and ").append(to.name()).append("; do not edit.\n")
                .append("// Regenerate from the project's root: ").append(REGENERATE).append('\n')
                .append("[cols=\"6m,2,>1,>1\",options=\"header,footer\"]\n")
                .append("|===\n")
                .append("| File | Change | Lines added | Lines removed\n\n");
        Map<Change, Integer> counts = new TreeMap<>();
        int added = 0;
        int removed = 0;
        for (FileDiff diff : diffs) {
            counts.merge(diff.change(), 1, Integer::sum);
            added += diff.added();
            removed += diff.removed();
            adoc.append("| ").append(diff.path()).append('\n')
                    .append("| ").append(diff.change().word())
                    .append(diff.binary() ? " (binary)" : "").append('\n')
                    .append("| ").append(diff.binary() ? "" : diff.added()).append('\n')
                    .append("| ").append(diff.binary() ? "" : diff.removed()).append("\n\n");
        }
        List<String> changes = new ArrayList<>();
        counts.forEach((change, count) -> changes.add(count + " " + change.word()));
        adoc.append("d| ").append(diffs.size()).append(diffs.size() == 1 ? " file" : " files")
                .append('\n')
                .append("| ").append(String.join(", ", changes)).append('\n')
                .append("| ").append(added).append('\n')
                .append("| ").append(removed).append('\n')
                .append("|===\n");
        return adoc.toString();
    }

    /** The paths a step's diff covers: pom.xml and every file under src/, with '/' separators. */
    private static List<String> files(Path step) throws IOException {
        List<String> paths = new ArrayList<>();
        if (Files.isRegularFile(step.resolve("pom.xml"))) {
            paths.add("pom.xml");
        }
        Path src = step.resolve("src");
        if (Files.isDirectory(src)) {
            try (Stream<Path> files = Files.walk(src)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    List<String> parts = new ArrayList<>();
                    for (Path part : step.relativize(file)) {
                        parts.add(part.toString());
                    }
                    paths.add(String.join("/", parts));
                }
            }
        }
        return paths;
    }

    private static byte[] read(Path step, String path) throws IOException {
        Path file = step.resolve(path);
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }

    /**
     * A text file's lines, with CRLF read as LF and {@link #NO_NEWLINE} on a last line that has
     * no newline; none for a missing file; {@code null} for a binary one: a NUL byte, as git
     * decides, or bytes that are not UTF-8.
     */
    private static List<String> lines(byte[] bytes) {
        if (bytes == null) {
            return List.of();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        if (text.indexOf('\0') >= 0) {
            return null;
        }
        text = text.replace("\r\n", "\n");
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        } else {
            lines.set(lines.size() - 1, lines.get(lines.size() - 1) + NO_NEWLINE);
        }
        return lines;
    }

    /**
     * Writes every generated file into {@link #DIFFS} under {@code root}, leaves alone the ones
     * that are already right, and deletes the generated-looking ones that no pair of steps makes
     * any more. Returns one line for each file it looked at.
     */
    public static List<String> regenerate(Path root) throws IOException {
        Path dir = root.resolve(DIFFS);
        Files.createDirectories(dir);
        SortedMap<String, String> files = generate(root);
        List<String> report = new ArrayList<>();
        try (Stream<Path> committed = Files.list(dir)) {
            for (Path file : committed.sorted().toList()) {
                String name = file.getFileName().toString();
                if (isGenerated(name) && !files.containsKey(name)) {
                    Files.delete(file);
                    report.add("deleted   " + root.relativize(file) + " (no such pair of steps)");
                }
            }
        }
        for (Map.Entry<String, String> entry : files.entrySet()) {
            Path file = dir.resolve(entry.getKey());
            byte[] bytes = entry.getValue().getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
                report.add("unchanged " + root.relativize(file));
            } else {
                Files.write(file, bytes);
                report.add("wrote     " + root.relativize(file));
            }
        }
        return report;
    }

    /** Regenerates the diffs under the reactor root {@code args[0]}, or the working directory. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        regenerate(root).forEach(System.out::println);
    }
}
