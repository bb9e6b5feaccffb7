package org.cordon.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures count as "the database is away" (answered 503) and which remain errors of the request
 * or the code, with the exceptions as the PostgreSQL driver, Hikari and Spring really shape them.
 */
class DatabaseUnavailableTests {

    static final SQLExceptionTranslator[] TRANSLATORS = {new SQLErrorCodeSQLExceptionTranslator("PostgreSQL"),
            new SQLStateSQLExceptionTranslator(), new SQLExceptionSubclassTranslator()};

    /** A server error as the driver reads it from the wire (severity, SQLState, message). */
    static PSQLException serverError(String sqlState, String message) {
        return new PSQLException(new ServerErrorMessage("SFATAL\0VFATAL\0C" + sqlState + "\0M" + message + "\0"));
    }

    static PSQLException refused() {
        return new PSQLException("Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct "
                + "and that the postmaster is accepting TCP/IP connections.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));
    }

    /** Every way Spring's translators may wrap the driver's exception of a failed statement. */
    static void assertTranslatedAs(boolean unavailable, SQLException driver) {
        for (SQLExceptionTranslator translator : TRANSLATORS) {
            DataAccessException translated = translator.translate("select", "select 1", driver);
            assertThat(DatabaseUnavailable.isCause(translated)).as("%s via %s -> %s", driver.getSQLState(),
                    translator.getClass().getSimpleName(), translated).isEqualTo(unavailable);
        }
        assertThat(DatabaseUnavailable.isCause(driver)).isEqualTo(unavailable);
    }

    @Test
    void aRollbackThatFailsOnTheDeadConnectionIsAnOutageThroughTheFailureThatCausedIt() {
        // seen in the crash benchmark: the postmaster dies mid-transaction, the statement fails with 57P01,
        // then the rollback finds Hikari's closed connection; the interceptor throws the rollback failure
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new SQLErrorCodeSQLExceptionTranslator("PostgreSQL")
                .translate("insert", "insert into passage", serverError("57P01", "terminating connection due to unexpected postmaster exit")));
        assertThat(DatabaseUnavailable.isCause(new ServletException("Request processing failed", rollback))).isTrue();
        // a commit that failed on the dead connection, then the rollback: Spring throws the rollback failure alone
        assertThat(DatabaseUnavailable.isCause(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
        // a rollback failure after an ordinary error of the request stays an error
        TransactionSystemException other = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        other.initApplicationException(new IllegalArgumentException("bad value"));
        assertThat(DatabaseUnavailable.isCause(other)).isFalse();
    }

    @Test
    void aRefusedConnectionWhenThePoolOpensOneIsAnOutage() {
        // Hikari rethrows the driver's failure; Spring's DataSourceUtils wraps it
        assertThat(DatabaseUnavailable.isCause(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", refused())))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction", refused()))).isTrue();
    }

    @Test
    void thePoolTimingOutIsAnOutage() {
        SQLTransientConnectionException timeout = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 3000ms (total=10, active=10, idle=0, waiting=5)");
        assertThat(DatabaseUnavailable.isCause(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", timeout)))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction", timeout))).isTrue();
    }

    @Test
    void aConnectionLostInTheMiddleOfARequestIsAnOutage() {
        assertTranslatedAs(true, new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE, new EOFException()));
        assertTranslatedAs(true, new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST));
    }

    @Test
    void aServerShuttingDownStartingOrOutOfResourcesIsAnOutage() {
        assertTranslatedAs(true, serverError("57P01", "terminating connection due to administrator command"));
        assertTranslatedAs(true, serverError("57P02", "terminating connection because of crash of another server process"));
        assertTranslatedAs(true, serverError("57P03", "the database system is starting up"));
        assertTranslatedAs(true, serverError("53100", "could not extend file \"base/16384/16385\": No space left on device"));
        assertTranslatedAs(true, serverError("53300", "sorry, too many clients already"));
    }

    @Test
    void anOutageIsRecognisedThroughTheWrappersOfTheWebAndSignIn() {
        DataAccessException translated = new SQLStateSQLExceptionTranslator().translate("select", "select 1", refused());
        ServletException fromDispatcher = new ServletException("Request processing failed: " + translated, translated);
        assertThat(DatabaseUnavailable.isCause(fromDispatcher)).isTrue();
        assertThat(DatabaseUnavailable.isCause(new InternalAuthenticationServiceException("Failed to obtain JDBC Connection",
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", refused())))).isTrue();
    }

    @Test
    void errorsOfTheRequestOrTheCodeAreNoOutage() {
        assertTranslatedAs(false, serverError("23505", "duplicate key value violates unique constraint \"passage_client_id_key\""));
        assertTranslatedAs(false, serverError("42P01", "relation \"passagee\" does not exist"));
        assertTranslatedAs(false, serverError("57014", "canceling statement due to statement timeout"));
        assertTranslatedAs(false, serverError("40001", "could not serialize access due to concurrent update"));
        // a 300 KB reference: Spring files class 54 under resource failures, but the request is at fault (issue 12)
        assertTranslatedAs(false, serverError("54000", "index row size 3472 exceeds btree version 4 maximum 2704 for index "
                + "\"returnee_source_source_ref_key\""));
        assertTranslatedAs(false, serverError("54001", "stack depth limit exceeded"));
        assertThat(DatabaseUnavailable.isCause(new CannotCreateTransactionException("Nested transactions are not supported")))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new IOException("Broken pipe"))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseUnavailable.isCause(null)).isFalse();
    }

    @Test
    void aCircularCauseChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(DatabaseUnavailable.isCause(a)).isFalse();
    }
}
