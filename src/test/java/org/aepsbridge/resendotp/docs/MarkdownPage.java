package org.aepsbridge.resendotp.docs;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown page as GitHub shows it, for checking links: its links (outside code) and the
 * anchors its headings get. Headings and links inside fenced code blocks or code spans are
 * text, not Markdown (a {@code # comment} in a bash block is no heading).
 */
record MarkdownPage(Path file, List<String> lines) {

    /** A link as written, and the line it stands on (1-based). */
    record Link(int line, String target) {}

    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    private static final Pattern INLINE_LINK =
            Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern LINK_DEFINITION = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern HEADING_LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
    /** What GitHub drops from a heading's text when it makes the anchor: all but letters, digits, marks, space, '-' and '_'. */
    private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

    static MarkdownPage read(Path file) throws IOException {
        return new MarkdownPage(file, Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Every link target of the page, in order: inline links and images, and link definitions. */
    List<Link> links() {
        List<Link> links = new ArrayList<>();
        forEachTextLine((number, text) -> {
            String prose = CODE_SPAN.matcher(text).replaceAll("");
            Matcher inline = INLINE_LINK.matcher(prose);
            while (inline.find()) {
                links.add(new Link(number, inline.group(1)));
            }
            Matcher definition = LINK_DEFINITION.matcher(prose);
            if (definition.find()) {
                links.add(new Link(number, definition.group(1)));
            }
        });
        return links;
    }

    /** The anchors a link may name on this page: each heading's slug (repeats numbered -1, -2, ...), and HTML anchors. */
    Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        forEachTextLine((number, text) -> {
            Matcher heading = HEADING.matcher(text);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int repeats = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
            }
            Matcher html = HTML_ANCHOR.matcher(text);
            while (html.find()) {
                anchors.add(html.group(1));
            }
        });
        return anchors;
    }

    /**
     * GitHub's anchor for a heading: the text it shows (code marks, emphasis marks and link
     * targets gone), in lower case, without punctuation but '-' and '_', each space a '-'.
     */
    static String slug(String heading) {
        String shown =
                HEADING_LINK.matcher(heading).replaceAll("$1").replace("`", "").replace("*", "");
        return NOT_IN_SLUG
                .matcher(shown.toLowerCase(Locale.ROOT))
                .replaceAll("")
                .replace(' ', '-');
    }

    /** A link target's anchor, decoded as a browser would ({@code %20} is a space); empty when it has none. */
    static String anchorOf(String target) {
        int hash = target.indexOf('#');
        return hash < 0 ? "" : URLDecoder.decode(target.substring(hash + 1), StandardCharsets.UTF_8);
    }

    /** A link target's path, decoded; empty for a link to an anchor of the same page. */
    static String pathOf(String target) {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private interface LineVisitor {
        void visit(int number, String text);
    }

    private void forEachTextLine(LineVisitor visitor) {
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher opens = FENCE.matcher(line);
            if (opens.find()) {
                if (fence == null) {
                    fence = opens.group(1);
                } else if (fence.equals(opens.group(1))) {
                    fence = null;
                }
                continue;
            }
            if (fence == null) {
                visitor.visit(i + 1, line);
            }
        }
    }
}
