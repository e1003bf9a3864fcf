package org.gradflow.schedules;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.gradflow.api.schedule.LearningRateSchedule;

/**
 * One row of the schedule test table: what the generic tests in {@link ScheduleContractTest} need.
 *
 * @param name     its {@code gradflow.component.name}
 * @param schedule the component, as DS would create it
 * @param examples hand-computed factors of whole runs
 * @param bad      parameter values that must be rejected (empty only for a schedule without parameters)
 * @param random   draws valid settings (keys without the {@code schedule.} prefix), for the property tests
 */
record ScheduleCase(String name, LearningRateSchedule schedule, List<Example> examples, List<Bad> bad,
        Function<Random, Map<String, String>> random) {

    /** The factor the rule must give at one step. */
    record At(long step, double factor) {
        @Override
        public String toString() {
            return "t=" + step + " -> " + factor;
        }
    }

    /** One run: settings, its length, and factors at chosen steps. */
    record Example(String what, Map<String, String> settings, long stepsPerEpoch, long totalSteps, List<At> at) {
        @Override
        public String toString() {
            return what + " " + settings + ", " + stepsPerEpoch + " steps/epoch, " + totalSteps + " steps";
        }
    }

    /**
     * A value that validation must reject; the message must contain {@code schedule.key=value} and the
     * allowed range as {@link org.gradflow.api.component.ParameterSpec#allowed()} writes it.
     */
    record Bad(String key, String value, String allowed) {
    }

    /** The factor at one step. */
    static List<At> at(long step, double factor) {
        return List.of(new At(step, factor));
    }

    /** The same factor at every step from {@code first} to {@code last}, both included. */
    static List<At> range(long first, long last, double factor) {
        return LongStream.rangeClosed(first, last).mapToObj(s -> new At(s, factor)).toList();
    }

    @SafeVarargs
    static List<At> join(List<At>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
