package io.meridian.it.federation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a Meridian process's Prometheus endpoint ({@code /actuator/metrics}), read as an
 * operator's dashboard reads it: a sample by metric name and labels.
 */
final class PrometheusScrape {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;

    private PrometheusScrape(String text) {
        this.text = text;
    }

    /** Scrapes {@code baseUrl/actuator/metrics}. */
    static PrometheusScrape of(String baseUrl) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/metrics"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        baseUrl + "/actuator/metrics answered " + response.statusCode() + ": " + response.body());
            }
            return new PrometheusScrape(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of the first sample of {@code metric} whose labels include {@code labels}. */
    OptionalDouble value(String metric, Map<String, String> labels) {
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches() || !m.group(1).equals(metric)) {
                continue;
            }
            Map<String, String> found = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    found.put(l.group(1), l.group(2));
                }
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                return OptionalDouble.of(Double.parseDouble(m.group(4)));
            }
        }
        return OptionalDouble.empty();
    }

    @Override
    public String toString() {
        return text;
    }
}
