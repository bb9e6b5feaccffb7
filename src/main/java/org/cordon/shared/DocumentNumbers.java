package org.cordon.shared;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Numbers of documents per kind and year, as notices are numbered ("2026年第12号" / "No. 12/2026"): release notices of
 * observation, dispatch notes of supplies. The next number is taken by an upsert on the kind's row of the year, which
 * locks the row until the caller's transaction ends: two documents numbered at once queue and get different numbers,
 * and a rolled-back document gives its number back (none is skipped).
 */
@Component
public class DocumentNumbers {

    /** Kinds of numbered documents (the counter's key; never renamed once numbers were given). */
    public enum Kind { RELEASE_NOTICE, DISPATCH_NOTE }

    private final JdbcClient jdbc;

    DocumentNumbers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The next number of the kind in the year (from 1), taken in the caller's transaction (which must exist). */
    @Transactional(propagation = Propagation.MANDATORY)
    public int next(Kind kind, int year) {
        return jdbc.sql("""
                        insert into document_counter(kind, year, last_number) values (?, ?, 1)
                        on conflict (kind, year) do update set last_number = document_counter.last_number + 1
                        returning last_number""")
                .params(kind.name(), year).query(Integer.class).single();
    }
}
