package org.cordon;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Test wrapper of the application's DataSource (installed by a bean post-processor): counts the
 * connections each thread holds at once and remembers where a thread took a second one; and can
 * simulate a database outage, every {@code getConnection} then failing the way Hikari's pool does
 * when it times out.
 */
public class ConnectionTrackingDataSource extends DelegatingDataSource implements AutoCloseable {

    private final Map<Thread, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicInteger maxPerThread = new AtomicInteger();
    private final List<String> secondConnections = new ArrayList<>();
    private volatile boolean unavailable;

    public ConnectionTrackingDataSource(DataSource target) {
        super(target);
    }

    /** While true, every new connection fails with {@link SQLTransientConnectionException} (as on a pool timeout). */
    public void setUnavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    /** Forgets the counts so far (connections open now keep being counted). */
    public void resetMaximum() {
        maxPerThread.set(open.values().stream().mapToInt(AtomicInteger::get).max().orElse(0));
        synchronized (secondConnections) {
            secondConnections.clear();
        }
    }

    /** The most connections one thread held at the same time since the last reset. */
    public int maxConnectionsPerThread() {
        return maxPerThread.get();
    }

    /** Thread name and stack of each moment a thread took a second connection (first 5). */
    public List<String> secondConnections() {
        synchronized (secondConnections) {
            return List.copyOf(secondConnections);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        failIfUnavailable();
        return tracked(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        failIfUnavailable();
        return tracked(super.getConnection(username, password));
    }

    /** Closes the pool behind it (the context's destroy method). */
    @Override
    public void close() throws Exception {
        if (obtainTargetDataSource() instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private void failIfUnavailable() throws SQLException {
        if (unavailable) {
            throw new SQLTransientConnectionException(
                    "cordon-test - Connection is not available, request timed out after 3000ms (simulated outage).");
        }
    }

    private Connection tracked(Connection connection) {
        Thread owner = Thread.currentThread();
        int held = open.computeIfAbsent(owner, t -> new AtomicInteger()).incrementAndGet();
        maxPerThread.accumulateAndGet(held, Math::max);
        if (held > 1) {
            synchronized (secondConnections) {
                if (secondConnections.size() < 5) {
                    secondConnections.add(owner.getName() + " holds " + held + " connections:\n"
                            + Stream.of(new Throwable().getStackTrace()).limit(40).map(e -> "    at " + e)
                            .collect(Collectors.joining("\n")));
                }
            }
        }
        AtomicBoolean closed = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "tracked " + connection;
                    default -> {
                        if (method.getName().equals("close") && closed.compareAndSet(false, true)) {
                            open.get(owner).decrementAndGet();
                        }
                        try {
                            yield method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }
}
