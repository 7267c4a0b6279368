package org.aepsbridge.resendotp.support;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Prometheus text scrape as series ({@code name{labels}}) and values, for tests that assert
 * exact increases between two scrapes. Families are matched by name and label fragments, so a
 * label added later (e.g. the client) does not hide a series.
 */
public final class PrometheusText {

    private PrometheusText() {}

    /** The scrape as series and values; comment lines left out. */
    public static Map<String, Double> parse(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return series;
    }

    /** The sum of every series of a family whose labels contain all the given label pairs. */
    public static double sum(Map<String, Double> scrape, String family, String... labels) {
        return scrape.entrySet().stream()
                .filter(e -> e.getKey().startsWith(family + "{") || e.getKey().equals(family))
                .filter(e -> Arrays.stream(labels).allMatch(e.getKey()::contains))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    /** How much a family (restricted to the given label pairs) grew from one scrape to the next. */
    public static double increase(
            Map<String, Double> before, Map<String, Double> after, String family, String... labels) {
        return sum(after, family, labels) - sum(before, family, labels);
    }

    /** How many series of a family carry all the given label pairs. */
    public static long seriesCount(Map<String, Double> scrape, String family, String... labels) {
        return scrape.keySet().stream()
                .filter(k -> k.startsWith(family + "{") || k.equals(family))
                .filter(k -> Arrays.stream(labels).allMatch(k::contains))
                .count();
    }
}
