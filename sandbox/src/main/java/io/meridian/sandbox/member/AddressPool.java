package io.meridian.sandbox.member;

import java.util.HashMap;
import java.util.Map;

/**
 * The load-balancer addresses of one simulated cluster: an IPv4 CIDR handed out one address per Service or Ingress
 * (by uid), as a cloud provider's controller would, so that each region's endpoints differ and DNS can tell them apart.
 * An object keeps its address for its lifetime; addresses already in objects' statuses are taken over when the
 * simulator (re)starts.
 */
final class AddressPool {

    private final String cidr;
    private final long first;
    private final long last;
    private final Map<String, Long> byOwner = new HashMap<>();
    private final Map<Long, String> owners = new HashMap<>();
    private long next;

    AddressPool(String cidr) {
        this.cidr = cidr;
        String[] parts = cidr.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
        }
        int prefix = Integer.parseInt(parts[1]);
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("a load-balancer range needs a prefix between /8 and /30: " + cidr);
        }
        long base = toLong(parts[0]) & (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        long size = 1L << (32 - prefix);
        this.first = base + 1; // neither the network nor the broadcast address
        this.last = base + size - 2;
        this.next = first;
    }

    /**
     * The address of {@code owner}: the one it has, else {@code current} (from its status) or {@code requested} (from
     * its spec) if free, else the next free one.
     */
    synchronized String assign(String owner, String current, String requested) {
        Long had = byOwner.get(owner);
        if (had != null) {
            return toString(had);
        }
        for (String wish : new String[] {current, requested}) {
            if (wish != null && !wish.isBlank() && isIpv4(wish)) {
                long a = toLong(wish);
                String holder = owners.get(a);
                if (holder == null || holder.equals(owner)) {
                    take(owner, a);
                    return wish;
                }
            }
        }
        for (long i = 0; i <= last - first; i++) {
            long a = first + (next - first + i) % (last - first + 1);
            if (!owners.containsKey(a)) {
                take(owner, a);
                next = a + 1 > last ? first : a + 1;
                return toString(a);
            }
        }
        throw new IllegalStateException("no free load-balancer address left in " + cidr);
    }

    synchronized void release(String owner) {
        Long a = byOwner.remove(owner);
        if (a != null) {
            owners.remove(a);
        }
    }

    boolean contains(String address) {
        if (!isIpv4(address)) {
            return false;
        }
        long a = toLong(address);
        return a >= first && a <= last;
    }

    private void take(String owner, long a) {
        byOwner.put(owner, a);
        owners.put(a, owner);
    }

    private static boolean isIpv4(String s) {
        return s != null && s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static long toLong(String ip) {
        String[] octets = ip.split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + ip);
        }
        long v = 0;
        for (String o : octets) {
            int n = Integer.parseInt(o);
            if (n < 0 || n > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + ip);
            }
            v = (v << 8) | n;
        }
        return v;
    }

    private static String toString(long a) {
        return ((a >> 24) & 0xff) + "." + ((a >> 16) & 0xff) + "." + ((a >> 8) & 0xff) + "." + (a & 0xff);
    }
}
