package org.aepsbridge.resendotp.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The documentation holds together: every relative link of the README, of the pages under
 * {@code docs/} and of any other Markdown page names a file of this repository, every {@code #anchor} one of the target page's
 * headings as GitHub makes its anchor, and no file of the repository cites a file that lives
 * outside it (the repository stands on its own). Strict: no link is exempt.
 */
class DocLinksTest {

    static final Path ROOT = Path.of("").toAbsolutePath().normalize();

    /**
     * Citations of files outside the repository: the shared notes of the people who built it
     * (their contract, stack and style pages, and the shared folder beside the repository that
     * holds them) and the folders of the machine it was built on. Spelled so that this file does
     * not match itself.
     */
    static final Pattern OUTSIDE = Pattern.compile(
            "\\.\\./+shared\\b|\\b(?:CONTRACT|STACK|STYLE)\\.md\\b|/w[o]rk/(?:shared|notes|main|h-|\\.library|\\.mirror)");

    /** Folders that hold no file of the repository: Git's, the build's, the data a local run keeps. */
    static final Set<String> NOT_THE_REPOSITORY = Set.of(".git", "target", "data", "node_modules");
    /** Folders a build or a tool writes, at any depth: git-ignored, not the repository's text. */
    static final Set<String> BUILD_OUTPUTS = Set.of("target", "node_modules");
    /** What the benchmarks write (git-ignored). */
    static final Path BENCH_RESULTS = Path.of("bench", "results");

    /** The hidden folders that are the repository's own: CI, the Maven wrapper, GitHub's settings. */
    static final Set<String> OUR_HIDDEN_FOLDERS = Set.of(".ci", ".mvn", ".github");

    /** The README, the pages under docs/, and any other Markdown page of the repository (bench/README.md, say). */
    static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            List<Path> pages = files.filter(DocLinksTest::inTheRepository)
                    .filter(p -> p.toString().endsWith(".md"))
                    .sorted()
                    .toList();
            assertTrue(
                    pages.contains(ROOT.resolve("README.md")) && pages.contains(ROOT.resolve("docs/rest.md")),
                    "pages: " + pages);
            return pages;
        }
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndAHeadingOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        int checked = 0;
        for (Path page : pages()) {
            for (MarkdownPage.Link link : MarkdownPage.read(page).links()) {
                String where = ROOT.relativize(page) + ":" + link.line() + " (" + link.target() + ")";
                if (link.target().matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
                    continue; // http:, https:, mailto: leave the repository on purpose
                }
                checked++;
                String path = MarkdownPage.pathOf(link.target());
                String anchor = MarkdownPage.anchorOf(link.target());
                if (path.startsWith("/")) {
                    broken.add(where + ": an absolute path; write it relative to the page");
                    continue;
                }
                Path target =
                        path.isEmpty() ? page : page.getParent().resolve(path).normalize();
                if (!target.startsWith(ROOT)) {
                    broken.add(where + ": leads out of the repository");
                } else if (!Files.exists(target)) {
                    broken.add(where + ": no such file " + ROOT.relativize(target));
                } else if (!anchor.isEmpty()) {
                    if (!target.toString().endsWith(".md")) {
                        broken.add(where + ": an anchor into a file that is not a Markdown page");
                    } else if (!anchors.computeIfAbsent(target, DocLinksTest::anchorsOf)
                            .contains(anchor)) {
                        broken.add(
                                where + ": " + ROOT.relativize(target) + " has no heading with the anchor #" + anchor);
                    }
                }
            }
        }
        assertTrue(checked > 0, "no relative link found: the pages were not read");
        assertTrue(broken.isEmpty(), "broken links:\n" + String.join("\n", broken));
    }

    @Test
    void noFileOfTheRepositoryCitesAFileOutsideIt() throws IOException {
        List<String> citations = new ArrayList<>();
        int read = 0;
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : (Iterable<Path>)
                    files.filter(DocLinksTest::inTheRepository).filter(Files::isRegularFile)::iterator) {
                byte[] bytes = Files.readAllBytes(file);
                if (isBinary(bytes)) {
                    continue;
                }
                read++;
                String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    Matcher outside = OUTSIDE.matcher(lines[i]);
                    if (outside.find()) {
                        citations.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + outside.group());
                    }
                }
            }
        }
        assertTrue(read > 100, "only " + read + " files read: the walk missed the repository");
        assertTrue(
                citations.isEmpty(),
                "cites a file outside the repository (say it in the repository's own words):\n"
                        + String.join("\n", citations));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Writers: when a file is complete | writers-when-a-file-is-complete",
                "No client, no start | no-client-no-start",
                "Idempotency-Key | idempotency-key",
                "The core: AOPay calls, resend limits, hostile input | the-core-aopay-calls-resend-limits-hostile-input",
                "`aopay.file.inbox` and **mTLS** | aopayfileinbox-and-mtls",
                "See [Security](security.md) | see-security",
                "snake_case stays | snake_case-stays",
                "देवनागरी text | देवनागरी-text"
            })
    void anchorsAreGitHubSlugsOfTheHeadings(String heading, String anchor) {
        assertEquals(anchor, MarkdownPage.slug(heading));
    }

    @Test
    void headingsInCodeAreNoAnchorsAndRepeatsAreNumbered() {
        MarkdownPage page = new MarkdownPage(
                Path.of("x.md"),
                List.of(
                        "# Tests",
                        "```bash",
                        "# Run the suite",
                        "[not a link](nowhere.md)",
                        "```",
                        "## Tests",
                        "See `[code](nowhere.md)` and [a link](other.md#tests-1).",
                        "### Tests"));
        assertEquals(Set.of("tests", "tests-1", "tests-2"), page.anchors());
        assertEquals(List.of(new MarkdownPage.Link(7, "other.md#tests-1")), page.links());
        assertEquals("other.md", MarkdownPage.pathOf("other.md#tests-1"));
        assertEquals("tests-1", MarkdownPage.anchorOf("other.md#tests-1"));
    }

    private static Set<String> anchorsOf(Path page) {
        try {
            return MarkdownPage.read(page).anchors();
        } catch (IOException e) {
            throw new IllegalStateException(page.toString(), e);
        }
    }

    /** Decided by the top-level name: a local tool's hidden folder (an IDE's, say) is not the repository's either. */
    private static boolean inTheRepository(Path path) {
        if (path.equals(ROOT)) {
            return true;
        }
        Path relative = ROOT.relativize(path);
        String top = relative.getName(0).toString();
        boolean hiddenFolder = top.startsWith(".") && Files.isDirectory(ROOT.resolve(top));
        for (Path segment : relative) {
            if (BUILD_OUTPUTS.contains(segment.toString())) {
                return false; // a build's output anywhere (the benchmark's floor app builds into bench/floor/target)
            }
        }
        return !relative.startsWith(BENCH_RESULTS)
                && !NOT_THE_REPOSITORY.contains(top)
                && (!hiddenFolder || OUR_HIDDEN_FOLDERS.contains(top));
    }

    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
