package org.cordon.shared.db;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Caches of reference data (areas, divisions, checkpoints, screening rules) that stay correct when the data is edited,
 * on this node and on every other node of a cluster.
 *
 * <p>Each table a cache reads is watched: a statement-level trigger (migration V108) sends {@code NOTIFY
 * cordon_reference, '<table>'} with every change, delivered by PostgreSQL when the change commits, whoever made it
 * (this node, another node, an operator with psql, a migration). One connection per node listens; a notification
 * empties the caches that read the table. While the listening connection is not there (start-up, database away, the
 * connection broken) the caches are bypassed: every look-up reads the database, as it did before caching.
 *
 * <p>On the node that makes the change the caches are emptied at once as well ({@link #changed}), and again after the
 * commit, so that the next request after an edit never depends on the notification's latency; and a transaction that
 * changed reference data reads it from the database until it ends (it sees its own uncommitted rows). A value loaded
 * while a change was being committed is not kept: each cache has a generation, and a value is stored only if no
 * change of its tables arrived between the look-up's start and its end.
 */
@Component
public class ReferenceData implements SmartLifecycle {

    /** The channel the triggers notify. */
    public static final String CHANNEL = "cordon_reference";

    private static final Logger log = LoggerFactory.getLogger(ReferenceData.class);
    private static final Object CHANGED_HERE = new Object();

    private final DataSource dataSource;
    private final List<Cache<?, ?>> caches = new CopyOnWriteArrayList<>();
    private volatile boolean listening;
    private volatile boolean running;
    private Thread listener;

    public ReferenceData(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A cache of values read from the given tables, keyed by {@code K}; at most {@code maxEntries} values (beyond that it
     * starts again empty: reference tables are small, the bound only keeps unknown keys from growing it).
     */
    public <K, V> Cache<K, V> cache(String name, Set<String> tables, int maxEntries) {
        Cache<K, V> cache = new Cache<>(this, name, Set.copyOf(tables), maxEntries);
        caches.add(cache);
        return cache;
    }

    /**
     * The current transaction changes the table: the caches reading it are emptied now and after the commit (or
     * rollback), and bypassed until the transaction ends.
     */
    public void changed(String table) {
        invalidate(table);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            if (!TransactionSynchronizationManager.hasResource(CHANGED_HERE)) {
                TransactionSynchronizationManager.bindResource(CHANGED_HERE, Boolean.TRUE);
            }
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (TransactionSynchronizationManager.hasResource(CHANGED_HERE)) {
                        TransactionSynchronizationManager.unbindResource(CHANGED_HERE);
                    }
                    invalidate(table);
                }
            });
        }
    }

    /** Whether the caches are in use (a listening connection is open). */
    public boolean listening() {
        return listening;
    }

    private boolean bypassed() {
        return !listening || TransactionSynchronizationManager.hasResource(CHANGED_HERE);
    }

    void invalidate(String table) {
        for (Cache<?, ?> cache : caches) {
            if (cache.tables.contains(table)) {
                cache.clear();
            }
        }
    }

    private void invalidateAll() {
        caches.forEach(Cache::clear);
    }

    // ---------------------------------------------------------------- the listening connection

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "reference-data-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        listening = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                invalidateAll();      // what was cached before listening may be stale
                listening = true;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            invalidate(n.getParameter());
                        }
                    }
                    if (Thread.interrupted()) {
                        break;
                    }
                }
            } catch (Exception e) {
                if (running) {
                    log.debug("Reference data notifications interrupted ({}); caches bypassed until reconnected", e.toString());
                }
            } finally {
                listening = false;
                invalidateAll();
            }
            if (running) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One cache; see {@link ReferenceData#cache}. */
    public static final class Cache<K, V> {

        private final ReferenceData owner;
        private final String name;
        private final Set<String> tables;
        private final int maxEntries;
        private final Map<K, V> values = new ConcurrentHashMap<>();
        private final AtomicLong generation = new AtomicLong();

        private Cache(ReferenceData owner, String name, Set<String> tables, int maxEntries) {
            this.owner = owner;
            this.name = name;
            this.tables = tables;
            this.maxEntries = maxEntries;
        }

        /** The value for the key: cached, or loaded (and kept unless the tables changed meanwhile). Null keys are loaded. */
        public V get(K key, Function<K, V> loader) {
            if (key == null || owner.bypassed()) {
                return loader.apply(key);
            }
            V value = values.get(key);
            if (value != null) {
                return value;
            }
            long before = generation.get();
            value = loader.apply(key);
            if (value != null && generation.get() == before && !owner.bypassed()) {
                if (values.size() >= maxEntries) {
                    values.clear();
                }
                values.put(key, value);
                if (generation.get() != before) {
                    values.remove(key);     // a change arrived while storing
                }
            }
            return value;
        }

        /**
         * The values of several keys: the cached ones, and the others loaded together ({@code loader} is given the
         * missing keys and answers a value for each it knows; keys it leaves out are left out of the answer and not kept).
         */
        public Map<K, V> getAll(java.util.Collection<K> keys, Function<Set<K>, Map<K, V>> loader) {
            Map<K, V> found = new java.util.HashMap<>();
            Set<K> missing = new java.util.HashSet<>();
            boolean bypass = owner.bypassed();
            for (K key : keys) {
                V value = bypass || key == null ? null : values.get(key);
                if (value != null) {
                    found.put(key, value);
                } else if (key != null) {
                    missing.add(key);
                }
            }
            if (missing.isEmpty()) {
                return found;
            }
            long before = generation.get();
            Map<K, V> loaded = loader.apply(missing);
            found.putAll(loaded);
            if (!bypass && generation.get() == before && !owner.bypassed()) {
                if (values.size() + loaded.size() > maxEntries) {
                    values.clear();
                }
                values.putAll(loaded);
                if (generation.get() != before) {
                    loaded.keySet().forEach(values::remove);
                }
            }
            return found;
        }

        void clear() {
            generation.incrementAndGet();
            values.clear();
        }

        @Override
        public String toString() {
            return "cache " + name + " of " + tables;
        }
    }
}
