package io.meridian.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Established TCP connections to a local port, from {@code /proc/net}: proves how many connections a client used. */
final class ConnectionCount {

    private ConnectionCount() {}

    /** Client-side ends of established connections whose remote port is {@code port}. */
    static int established(int port) {
        String remotePort = String.format(Locale.ROOT, ":%04X", port);
        int count = 0;
        for (String file : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st ...; state 01 is ESTABLISHED
                    if (f.length > 3 && f[2].endsWith(remotePort) && f[3].equals("01")) {
                        count++;
                    }
                }
            } catch (IOException e) {
                // no IPv6 table, or no /proc: count what there is
            }
        }
        return count;
    }
}
