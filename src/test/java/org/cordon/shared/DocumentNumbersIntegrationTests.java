package org.cordon.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Documents numbered per kind and year (release notices, dispatch notes): two numbered at once get different numbers —
 * the second waits for the first's transaction — and a rolled-back document gives its number back.
 */
class DocumentNumbersIntegrationTests extends IntegrationTestSupport {

    @Autowired
    DocumentNumbers numbers;

    @Autowired
    TransactionTemplate transactions;

    private int next(DocumentNumbers.Kind kind, int year) {
        Integer n = transactions.execute(s -> numbers.next(kind, year));
        return n == null ? 0 : n;
    }

    @Test
    void twoDocumentsNumberedAtOnceGetDifferentNumbersInOrder() throws Exception {
        int year = 2100 + ThreadLocalRandom.current().nextInt(800);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstHasNumber = new CountDownLatch(1);
            CountDownLatch firstMayCommit = new CountDownLatch(1);
            Future<Integer> first = pool.submit(() -> transactions.execute(s -> {
                int n = numbers.next(DocumentNumbers.Kind.DISPATCH_NOTE, year);
                firstHasNumber.countDown();
                try {
                    firstMayCommit.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return n;
            }));
            assertThat(firstHasNumber.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Integer> second = pool.submit(() -> transactions.execute(s -> numbers.next(DocumentNumbers.Kind.DISPATCH_NOTE, year)));
            Thread.sleep(300);
            assertThat(second.isDone()).as("the second waits on the year's counter row").isFalse();
            firstMayCommit.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            // another kind counts on its own
            assertThat(next(DocumentNumbers.Kind.RELEASE_NOTICE, year)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRolledBackDocumentGivesItsNumberBack() {
        int year = 2100 + ThreadLocalRandom.current().nextInt(800);
        assertThat(next(DocumentNumbers.Kind.RELEASE_NOTICE, year)).isEqualTo(1);
        transactions.execute(s -> {
            assertThat(numbers.next(DocumentNumbers.Kind.RELEASE_NOTICE, year)).isEqualTo(2);
            s.setRollbackOnly();
            return null;
        });
        assertThat(next(DocumentNumbers.Kind.RELEASE_NOTICE, year)).isEqualTo(2);
    }
}
