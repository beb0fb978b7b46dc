package io.meridian.fedctl.output;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Capacities in the units people read: cores for CPU, binary units for memory. */
public final class Quantities {

    private static final BigDecimal KI = BigDecimal.valueOf(1024);

    private Quantities() {}

    /** {@code 12}, {@code 1.5}, {@code 250m}; {@code -} when unknown. */
    public static String cpu(Quantity q) {
        if (q == null) {
            return "-";
        }
        BigDecimal cores = Quantity.getAmountInBytes(q);
        if (cores.compareTo(BigDecimal.ONE) < 0 && cores.signum() > 0) {
            return cores.multiply(BigDecimal.valueOf(1000))
                            .setScale(0, RoundingMode.HALF_UP)
                            .toPlainString()
                    + "m";
        }
        return strip(cores.setScale(1, RoundingMode.HALF_UP));
    }

    /** {@code 48Gi}, {@code 1.5Ti}, {@code 512Mi}; {@code -} when unknown. */
    public static String memory(Quantity q) {
        if (q == null) {
            return "-";
        }
        BigDecimal value = Quantity.getAmountInBytes(q);
        String[] units = {"", "Ki", "Mi", "Gi", "Ti", "Pi"};
        int unit = 0;
        while (unit < units.length - 1 && value.compareTo(KI) >= 0) {
            value = value.divide(KI, 6, RoundingMode.HALF_UP);
            unit++;
        }
        return strip(value.setScale(1, RoundingMode.HALF_UP)) + units[unit];
    }

    private static String strip(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
