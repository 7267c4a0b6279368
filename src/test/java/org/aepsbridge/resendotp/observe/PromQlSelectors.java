package org.aepsbridge.resendotp.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PromQL expression reads from the scrape, enough to check it against one: each
 * selector's metric name with the label names of its matchers ({@code name{label="v"}}),
 * and the label names it groups or matches by ({@code by (...)}, {@code without (...)},
 * {@code on (...)}, {@code ignoring (...)}, {@code group_left/right (...)}). Grafana's
 * {@code label_values(metric, label)} counts as a selector of that metric and that label.
 * Not a full PromQL parser: range and subquery brackets, strings, numbers, durations,
 * functions, aggregations and operators are read past, which is all the dashboard and the
 * alerts contain.
 */
final class PromQlSelectors {

    /** A metric an expression selects, and the label names its matchers name. */
    record Selector(String metric, Set<String> labels) {}

    /** An expression's selectors and the labels it groups or matches by. */
    record Reads(List<Selector> selectors, Set<String> groupingLabels) {}

    static final Set<String> AGGREGATIONS = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "group",
            "stddev",
            "stdvar",
            "count",
            "count_values",
            "bottomk",
            "topk",
            "quantile",
            "limitk",
            "limit_ratio");
    static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$", Pattern.DOTALL);
    private static final Pattern MATCHER =
            Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

    private PromQlSelectors() {}

    /** A Grafana variable query: {@code label_values(selector, label)}, or a plain expression. */
    static Reads ofGrafanaQuery(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (!labelValues.matches()) {
            return of(query);
        }
        Reads inner = of(labelValues.group(1));
        List<Selector> selectors = new ArrayList<>();
        for (Selector selector : inner.selectors()) {
            Set<String> labels = new LinkedHashSet<>(selector.labels());
            labels.add(labelValues.group(2));
            selectors.add(new Selector(selector.metric(), labels));
        }
        return new Reads(selectors, inner.groupingLabels());
    }

    static Reads of(String expr) {
        List<Selector> selectors = new ArrayList<>();
        Set<String> grouping = new LinkedHashSet<>();
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '[') {
                i = expr.indexOf(']', i) + 1; // a range or subquery: durations only
                if (i == 0) {
                    throw new IllegalArgumentException("unclosed [ in " + expr);
                }
            } else if (c == '{') {
                // a selector without a metric name ({__name__=...}) is not used here
                throw new IllegalArgumentException("a selector without a metric name in " + expr);
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
                    i++; // a number, or a duration after offset
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n
                        && (Character.isLetterOrDigit(expr.charAt(i))
                                || expr.charAt(i) == '_'
                                || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpaces(expr, i);
                if (GROUPING.contains(word)) {
                    if (next < n && expr.charAt(next) == '(') {
                        int close = expr.indexOf(')', next);
                        for (String label : expr.substring(next + 1, close).split(",")) {
                            if (!label.isBlank()) {
                                grouping.add(label.strip());
                            }
                        }
                        i = close + 1;
                    }
                } else if (AGGREGATIONS.contains(word)
                        || KEYWORDS.contains(word)
                        || next < n && expr.charAt(next) == '(') {
                    // an aggregation, an operator, or a function: what follows is read on
                } else {
                    Set<String> labels = new LinkedHashSet<>();
                    if (next < n && expr.charAt(next) == '{') {
                        int close = closingBrace(expr, next);
                        Matcher m = MATCHER.matcher(expr.substring(next + 1, close));
                        int at = 0;
                        while (m.find() && m.start() == at) {
                            labels.add(m.group(1));
                            at = m.end();
                        }
                        if (!expr.substring(next + 1, close).substring(at).isBlank()) {
                            throw new IllegalArgumentException(
                                    "unreadable matchers in " + expr.substring(next, close + 1));
                        }
                        i = close + 1;
                    }
                    selectors.add(new Selector(word, labels));
                }
            } else if (c == '$') {
                throw new IllegalArgumentException("an unreplaced Grafana variable outside a label value in " + expr);
            } else {
                i++;
            }
        }
        return new Reads(selectors, grouping);
    }

    private static int skipSpaces(String expr, int i) {
        while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipString(String expr, int i) {
        char quote = expr.charAt(i);
        for (int j = i + 1; j < expr.length(); j++) {
            if (expr.charAt(j) == '\\') {
                j++;
            } else if (expr.charAt(j) == quote) {
                return j + 1;
            }
        }
        throw new IllegalArgumentException("unclosed string in " + expr);
    }

    private static int closingBrace(String expr, int open) {
        for (int j = open + 1; j < expr.length(); j++) {
            char c = expr.charAt(j);
            if (c == '"') {
                j = skipString(expr, j) - 1;
            } else if (c == '}') {
                return j;
            }
        }
        throw new IllegalArgumentException("unclosed { in " + expr);
    }

    /** A scrape's families ({@code name}) and the label names their series carry. */
    static Map<String, Set<String>> labelsByFamily(Map<String, Double> scrape) {
        Map<String, Set<String>> families = new LinkedHashMap<>();
        for (String series : scrape.keySet()) {
            int brace = series.indexOf('{');
            String name = brace < 0 ? series : series.substring(0, brace);
            Set<String> labels = families.computeIfAbsent(name, k -> new LinkedHashSet<>());
            if (brace >= 0) {
                Matcher m = MATCHER.matcher(series.substring(brace + 1, series.lastIndexOf('}')));
                while (m.find()) {
                    labels.add(m.group(1));
                }
            }
        }
        return families;
    }
}
