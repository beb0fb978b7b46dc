package io.meridian.it.bench.federation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape of a process's Prometheus text ({@code /actuator/metrics}): samples by name and labels, summed as asked.
 */
final class Metrics {

    private record Sample(String name, String labels, double value) {}

    private final List<Sample> samples = new ArrayList<>();

    static Metrics parse(String text) {
        Metrics m = new Metrics();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            int brace = line.indexOf('{');
            String head = line.substring(0, space).trim();
            String name = brace < 0 || brace > space ? head : head.substring(0, brace);
            String labels = brace < 0 || brace > space ? "" : head.substring(brace);
            try {
                m.samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
            } catch (NumberFormatException e) {
                // a sample this parser does not understand is not one the benchmark reads
            }
        }
        return m;
    }

    /** The sum of {@code name} over the samples whose labels contain every {@code label="value"} given. */
    double sum(String name, String... labels) {
        double total = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s, labels)) {
                total += s.value();
            }
        }
        return total;
    }

    /** {@code name} summed by the value of {@code label}, over the samples matching {@code labels}. */
    Map<String, Double> by(String name, String label, String... labels) {
        Map<String, Double> out = new TreeMap<>();
        String key = label + "=\"";
        for (Sample s : samples) {
            if (!s.name().equals(name) || !matches(s, labels)) {
                continue;
            }
            int at = s.labels().indexOf(key);
            if (at < 0) {
                continue;
            }
            int from = at + key.length();
            String value = s.labels().substring(from, s.labels().indexOf('"', from));
            out.merge(value, s.value(), Double::sum);
        }
        return out;
    }

    private static boolean matches(Sample s, String... labels) {
        for (String l : labels) {
            if (!s.labels().contains(l)) {
                return false;
            }
        }
        return true;
    }
}
