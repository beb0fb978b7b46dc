package io.meridian.fedctl.apply;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code us-east=2,eu-west=1}: region or cluster names with whole weights of at least 1, in the
 * order given.
 */
public record Weights(Map<String, Integer> values) {

    public Weights {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Parses {@code text}; a malformed entry is a conversion error that shows the expected form. */
    public static Weights parse(String text) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new TypeConversionException(
                        "'" + entry + "' is not NAME=WEIGHT (try --weights us-east=2,eu-west=1)");
            }
            String name = entry.substring(0, eq).trim();
            String number = entry.substring(eq + 1).trim();
            int weight;
            try {
                weight = Integer.parseInt(number);
            } catch (NumberFormatException e) {
                throw new TypeConversionException(
                        "the weight of '" + name + "' must be a whole number, not '" + number + "'");
            }
            if (weight < 1) {
                throw new TypeConversionException("the weight of '" + name + "' must be at least 1");
            }
            if (weights.put(name, weight) != null) {
                throw new TypeConversionException("'" + name + "' has two weights");
            }
        }
        if (weights.isEmpty()) {
            throw new TypeConversionException("--weights needs at least one NAME=WEIGHT");
        }
        return new Weights(weights);
    }

    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** picocli's converter for {@link #parse}. */
    public static final class Converter implements ITypeConverter<Weights> {
        @Override
        public Weights convert(String value) {
            return parse(value);
        }
    }
}
