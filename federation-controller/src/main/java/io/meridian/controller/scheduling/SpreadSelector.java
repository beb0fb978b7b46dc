package io.meridian.controller.scheduling;

import io.meridian.api.model.policy.SpreadByField;
import io.meridian.api.model.policy.SpreadConstraint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses the clusters under the spread constraints.
 *
 * <p>Constraints on one field are merged (the largest minGroups, the smallest maxGroups). Levels are
 * taken from coarse to fine: region, then zone, then cluster. At the region and zone levels, groups
 * are ranked (groups holding the workload first, then fewer untolerated PreferNoSchedule taints,
 * then more room, then name) and combinations of them are tried in that rank order: the widest
 * allowed first ({@code maxGroups}, or all), down to {@code minGroups}; for the Aggregated division
 * the narrowest first. At the cluster level clusters are picked one by one, preferring a cluster
 * that adds a region or zone a constraint counts, then the better-ranked; Aggregated stops as soon
 * as every minimum is met and the room suffices. The first combination whose clusters meet every
 * minimum and maximum and have room for {@code needed} replicas wins. Without constraints every
 * cluster is selected (Aggregated: the best-ranked ones that have room enough).
 */
final class SpreadSelector {

    /** Combinations tried before giving up; federations have few regions and zones. */
    private static final int BUDGET = 20_000;

    private final List<Level> levels;
    private final Level clusterLevel;
    private final boolean fewest;
    private final long needed;
    private int budget = BUDGET;
    private String failure;

    private SpreadSelector(List<Level> levels, Level clusterLevel, boolean fewest, long needed) {
        this.levels = levels;
        this.clusterLevel = clusterLevel;
        this.fewest = fewest;
        this.needed = needed;
    }

    /**
     * The selector for {@code constraints}, or a message if they contradict each other.
     *
     * @param fewest select as few clusters as possible (Aggregated) instead of as many as allowed
     * @param needed the replicas the selected clusters must have room for; zero if room does not
     *     matter
     */
    static Outcome select(List<SpreadConstraint> constraints, boolean fewest, long needed, List<Feasible> ranked) {
        Map<SpreadByField, Level> merged = new EnumMap<>(SpreadByField.class);
        for (SpreadConstraint constraint : constraints) {
            if (constraint == null || constraint.spreadByField() == null) {
                continue;
            }
            Level level = new Level(
                    constraint.spreadByField(),
                    constraint.minGroups() == null ? 1 : Math.max(1, constraint.minGroups()),
                    constraint.maxGroups() == null ? Integer.MAX_VALUE : constraint.maxGroups());
            merged.merge(level.field(), level, Level::and);
        }
        for (Level level : merged.values()) {
            if (level.min() > level.max()) {
                return Outcome.invalid("the spread constraints by " + level.noun() + " ask for at least " + level.min()
                        + " and at most " + level.max() + " " + level.plural());
            }
        }
        List<Level> coarse = new ArrayList<>();
        for (SpreadByField field : List.of(SpreadByField.REGION, SpreadByField.ZONE)) {
            if (merged.containsKey(field)) {
                coarse.add(merged.get(field));
            }
        }
        Level clusterLevel =
                merged.getOrDefault(SpreadByField.CLUSTER, new Level(SpreadByField.CLUSTER, 1, Integer.MAX_VALUE));
        SpreadSelector selector = new SpreadSelector(coarse, clusterLevel, fewest, needed);
        Optional<List<Feasible>> chosen = selector.choose(0, ranked);
        return chosen.map(Outcome::selected).orElseGet(() -> Outcome.failed(selector.failure));
    }

    private Optional<List<Feasible>> choose(int index, List<Feasible> pool) {
        if (index == levels.size()) {
            return pickClusters(pool);
        }
        Level level = levels.get(index);
        List<Group> groups = groups(pool, level.field());
        if (groups.size() < level.min()) {
            fail("spread by " + level.noun() + " needs at least " + level.min() + " " + level.plural() + ", but only "
                    + groups.size() + " " + (groups.size() == 1 ? "has" : "have") + " a feasible cluster"
                    + (groups.isEmpty()
                            ? ""
                            : " (" + groups.stream().map(Group::key).collect(Collectors.joining(", ")) + ")"));
            return Optional.empty();
        }
        int most = Math.min(level.max(), groups.size());
        for (int step = 0; step <= most - level.min(); step++) {
            int size = fewest ? level.min() + step : most - step;
            for (int[] combination = first(size); combination != null; combination = next(combination, groups.size())) {
                if (--budget < 0) {
                    fail("too many combinations of " + level.plural() + " to try");
                    return Optional.empty();
                }
                List<Feasible> members = new ArrayList<>();
                for (int i : combination) {
                    members.addAll(groups.get(i).members());
                }
                members.sort(Feasible.PREFERENCE);
                Optional<List<Feasible>> chosen = choose(index + 1, members);
                if (chosen.isPresent()) {
                    return chosen;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<List<Feasible>> pickClusters(List<Feasible> pool) {
        List<Feasible> remaining = new ArrayList<>(pool);
        List<Feasible> picked = new ArrayList<>();
        long room = 0;
        while (!remaining.isEmpty() && picked.size() < clusterLevel.max()) {
            boolean minimaMet =
                    picked.size() >= clusterLevel.min() && levels.stream().allMatch(l -> count(picked, l) >= l.min());
            if (fewest && minimaMet && room >= needed) {
                break;
            }
            Feasible next = remaining.get(0);
            if (!fewest || !minimaMet) {
                int bestNovelty = novelty(picked, next);
                for (Feasible candidate : remaining) {
                    int novelty = novelty(picked, candidate);
                    if (novelty > bestNovelty) {
                        next = candidate;
                        bestNovelty = novelty;
                    }
                }
            }
            remaining.remove(next);
            picked.add(next);
            room = saturatedAdd(room, next.room());
        }
        for (Level level : levels) {
            int count = count(picked, level);
            if (count < level.min() || count > level.max()) {
                fail("spread by " + level.noun() + " needs at least " + level.min() + " " + level.plural()
                        + ", but the clusters that could be chosen span only " + count);
                return Optional.empty();
            }
        }
        if (picked.size() < clusterLevel.min()) {
            fail("spread by cluster needs at least " + clusterLevel.min() + " clusters, but only " + picked.size()
                    + " could be chosen");
            return Optional.empty();
        }
        if (room < needed) {
            fail("the clusters that could be chosen have room for " + room + " of " + needed + " replicas ("
                    + picked.stream().map(f -> f.name() + ": " + f.room()).collect(Collectors.joining(", ")) + ")");
            return Optional.empty();
        }
        return Optional.of(List.copyOf(picked));
    }

    /**
     * How much {@code candidate} widens the spread of {@code picked}: a new group at a coarser
     * level outweighs any number of new groups at finer levels.
     */
    private int novelty(List<Feasible> picked, Feasible candidate) {
        int novelty = 0;
        for (Level level : levels) {
            novelty <<= 1;
            String key = key(candidate, level.field());
            if (picked.stream().noneMatch(p -> key.equals(key(p, level.field())))) {
                novelty |= 1;
            }
        }
        return novelty;
    }

    private void fail(String message) {
        if (failure == null) {
            failure = message;
        }
    }

    private static int count(List<Feasible> clusters, Level level) {
        Set<String> keys = new HashSet<>();
        clusters.forEach(c -> keys.add(key(c, level.field())));
        return keys.size();
    }

    private static List<Group> groups(List<Feasible> pool, SpreadByField field) {
        Map<String, List<Feasible>> byKey = new LinkedHashMap<>();
        for (Feasible cluster : pool) {
            byKey.computeIfAbsent(key(cluster, field), k -> new ArrayList<>()).add(cluster);
        }
        List<Group> groups = new ArrayList<>();
        byKey.forEach((key, members) -> groups.add(new Group(key, members)));
        groups.sort(Group.PREFERENCE);
        return groups;
    }

    static String key(Feasible cluster, SpreadByField field) {
        return switch (field) {
            case REGION -> cluster.candidate().region();
            case ZONE -> cluster.candidate().zone();
            case CLUSTER -> cluster.name();
        };
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static int[] first(int size) {
        int[] combination = new int[size];
        for (int i = 0; i < size; i++) {
            combination[i] = i;
        }
        return combination;
    }

    /** The next combination in lexicographic order, or null after the last. */
    private static int[] next(int[] combination, int n) {
        int[] next = combination.clone();
        int k = next.length;
        int i = k - 1;
        while (i >= 0 && next[i] == n - k + i) {
            i--;
        }
        if (i < 0) {
            return null;
        }
        next[i]++;
        for (int j = i + 1; j < k; j++) {
            next[j] = next[j - 1] + 1;
        }
        return next;
    }

    record Level(SpreadByField field, int min, int max) {
        Level and(Level other) {
            return new Level(field, Math.max(min, other.min), Math.min(max, other.max));
        }

        String noun() {
            return field.name().toLowerCase(Locale.ROOT);
        }

        String plural() {
            return noun() + "s";
        }
    }

    private record Group(String key, List<Feasible> members) {
        static final Comparator<Group> PREFERENCE = Comparator.comparing(Group::placed)
                .reversed()
                .thenComparingInt(Group::penalty)
                .thenComparing(Comparator.comparingLong(Group::room).reversed())
                .thenComparing(Group::key);

        boolean placed() {
            return members.stream().anyMatch(Feasible::placed);
        }

        int penalty() {
            return members.stream().mapToInt(Feasible::penalty).min().orElse(0);
        }

        long room() {
            return members.stream().mapToLong(Feasible::room).reduce(0, SpreadSelector::saturatedAdd);
        }
    }

    /** The chosen clusters, or why none could be chosen. */
    record Outcome(List<Feasible> selected, String failure, boolean invalid) {
        static Outcome selected(List<Feasible> clusters) {
            return new Outcome(clusters, null, false);
        }

        static Outcome failed(String message) {
            return new Outcome(List.of(), message, false);
        }

        static Outcome invalid(String message) {
            return new Outcome(List.of(), message, true);
        }

        boolean ok() {
            return failure == null;
        }
    }
}
