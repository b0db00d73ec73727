package dev.videoclass.store;

import dev.videoclass.Verdict;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded in-memory {@link VerdictStore}: the least recently used entry goes when it is full.
 * Thread safe (one lock; lookups are map operations).
 */
public final class InMemoryVerdictStore implements VerdictStore {
    private final Map<VerdictKey, Verdict> entries;

    /** @param capacity most verdicts kept, at least 1 */
    public InMemoryVerdictStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<VerdictKey, Verdict> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized Optional<Verdict> find(VerdictKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public synchronized void put(VerdictKey key, Verdict verdict) {
        entries.put(key, verdict);
    }

    /** Number of verdicts held. */
    public synchronized int size() {
        return entries.size();
    }
}
