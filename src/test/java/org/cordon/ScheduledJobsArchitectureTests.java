package org.cordon;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.cordon.shared.cluster.RunsOnEveryNode;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/**
 * With several nodes on one database a scheduled job runs once across them (README "Production deployment"): every
 * {@code @Scheduled} method carries ShedLock's {@code @SchedulerLock} with a name of its own, or says with
 * {@link RunsOnEveryNode} why it runs on every node; a job registered in code ({@link SchedulingConfigurer}) takes
 * a {@link LockingTaskExecutor}.
 */
class ScheduledJobsArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cordon");

    static List<Method> scheduledMethods(Iterable<Class<?>> classes) {
        List<Method> found = new ArrayList<>();
        for (Class<?> c : classes) {
            for (Method m : c.getDeclaredMethods()) {
                if (!AnnotatedElementUtils.getMergedRepeatableAnnotations(m, Scheduled.class).isEmpty()) {
                    found.add(m);
                }
            }
        }
        return found;
    }

    /** The scheduled methods that neither lock nor say why they run on every node. */
    static List<String> unlocked(Iterable<Class<?>> classes) {
        List<String> result = new ArrayList<>();
        for (Method m : scheduledMethods(classes)) {
            boolean locked = m.isAnnotationPresent(SchedulerLock.class);
            boolean everyNode = m.isAnnotationPresent(RunsOnEveryNode.class)
                    && !m.getAnnotation(RunsOnEveryNode.class).value().isBlank();
            if (locked == everyNode) {
                result.add(m.getDeclaringClass().getSimpleName() + "." + m.getName());
            }
        }
        return result;
    }

    static List<Class<?>> mainClasses() {
        List<Class<?>> result = new ArrayList<>();
        for (JavaClass c : CLASSES) {
            result.add(c.reflect());
        }
        return result;
    }

    @Test
    void everyScheduledMethodRunsOnceAcrossNodesOrSaysWhyNot() {
        List<Class<?>> classes = mainClasses();
        List<Method> scheduled = scheduledMethods(classes);
        System.out.println("Scheduled methods: " + scheduled.stream().map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName()).toList());
        assertThat(scheduled).as("the jobs known when the rule was written").hasSizeGreaterThanOrEqualTo(4);
        assertThat(unlocked(classes)).as("@Scheduled methods without @SchedulerLock (or with both it and @RunsOnEveryNode)").isEmpty();
    }

    @Test
    void everyLockHasANameOfItsOwn() {
        Map<String, String> byName = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (Method m : scheduledMethods(mainClasses())) {
            SchedulerLock lock = m.getAnnotation(SchedulerLock.class);
            if (lock != null) {
                String where = m.getDeclaringClass().getSimpleName() + "." + m.getName();
                String before = byName.put(lock.name(), where);
                if (before != null || lock.name().isBlank()) {
                    clashes.add(lock.name() + ": " + before + ", " + where);
                }
            }
        }
        assertThat(clashes).isEmpty();
    }

    @Test
    void jobsRegisteredInCodeTakeTheLockingExecutor() {
        List<String> without = new ArrayList<>();
        int configurers = 0;
        for (Class<?> c : mainClasses()) {
            if (SchedulingConfigurer.class.isAssignableFrom(c) && !c.isInterface()) {
                configurers++;
                boolean takesLocks = Arrays.stream(c.getDeclaredConstructors()).map(Constructor::getParameterTypes)
                        .anyMatch(types -> Arrays.asList(types).contains(LockingTaskExecutor.class));
                if (!takesLocks) {
                    without.add(c.getSimpleName());
                }
            }
        }
        assertThat(configurers).as("EventPublicationMaintenance, AppliedEventPruning").isGreaterThanOrEqualTo(2);
        assertThat(without).as("SchedulingConfigurers without a LockingTaskExecutor").isEmpty();
    }

    @Test
    void theRuleFindsAScheduledMethodWithoutALock() {
        assertThat(unlocked(List.of(Unlocked.class, Locked.class, EveryNode.class, Both.class)))
                .containsExactlyInAnyOrder("Unlocked.job", "Both.job");
    }

    static class Unlocked {
        @Scheduled(fixedDelay = 1000)
        void job() {
        }
    }

    static class Locked {
        @Scheduled(fixedDelay = 1000)
        @SchedulerLock(name = "test.locked")
        void job() {
        }
    }

    static class EveryNode {
        @Scheduled(fixedDelay = 1000)
        @RunsOnEveryNode("local files")
        void job() {
        }
    }

    static class Both {
        @Scheduled(fixedDelay = 1000)
        @SchedulerLock(name = "test.both")
        @RunsOnEveryNode("local files")
        void job() {
        }
    }
}
