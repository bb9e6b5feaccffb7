package org.cordon.shared.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells whether an exception means "the database cannot be reached right now" (refused or lost
 * connection, pool timeout, server shutting down or starting, disk or memory full) as opposed to a
 * fault of the request or of the code. Requests failing this way are answered with 503 and
 * {@code Retry-After} by {@link DatabaseUnavailableFilter}; the one place that decides it.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    /**
     * Whether {@code failure} or any exception in its cause chain is a database outage:
     * {@link DataAccessResourceFailureException} (including {@code CannotGetJdbcConnectionException}),
     * {@link TransientDataAccessResourceException}, {@link SQLTransientConnectionException} (Hikari's
     * pool timeout), {@link SQLNonTransientConnectionException}, or an {@link SQLException} whose
     * SQLState is of class 08 (connection exception), 53 (insufficient resources: disk full, out of
     * memory, too many connections) or 57P01–57P03 (admin or crash shutdown, cannot connect now).
     * A {@code CannotCreateTransactionException} counts through its cause, a
     * {@link TransactionSystemException} (rollback failed on a dead connection) through the
     * exception that made the transaction roll back. Null-safe; stops at cycles in the chain.
     */
    public static boolean isCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (isOutage(t)) {
                return true;
            }
            if (t instanceof TransactionSystemException tse && isFailedRollback(tse, seen)) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null && seen.add(next); next = next.getNextException()) {
                    if (isOutage(next)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The innermost message of the chain, for a one-line log entry. */
    static String rootMessage(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = failure;
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            root = t;
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    /**
     * A rollback fails only when the connection is gone (Hikari's "Connection is closed", without a
     * SQLState); it hides the failure that made the transaction roll back — the statement's, or a
     * commit's whose outcome is unknown (the client repeats the request with its client id).
     */
    private static boolean isFailedRollback(TransactionSystemException tse, Set<Throwable> seen) {
        Throwable application = tse.getApplicationException();
        if (application != null && seen.add(application) && isCause(application)) {
            return true;
        }
        String message = tse.getMessage();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("rollback")
                && tse.getCause() instanceof SQLException && (application == null || application instanceof SQLException
                || application instanceof org.springframework.dao.DataAccessException);
    }

    private static boolean isOutage(Throwable t) {
        if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException) {
            // Spring files SQLState class 54 (program limit exceeded: an index row or a statement too large) under
            // resource failures too; that is a fault of the request (a value too long), not an outage
            return !(t.getCause() instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("54"));
        }
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        return t instanceof SQLException sql && isOutageState(sql.getSQLState());
    }

    private static boolean isOutageState(String state) {
        if (state == null || state.length() != 5) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("53")
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
}
