package org.gradflow.schedules;

import static org.gradflow.schedules.ScheduleCase.at;
import static org.gradflow.schedules.ScheduleCase.join;
import static org.gradflow.schedules.ScheduleCase.range;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gradflow.schedules.ScheduleCase.Bad;
import org.gradflow.schedules.ScheduleCase.Example;

/**
 * The table of schedules this bundle provides, each with factors worked out by hand. A new schedule is
 * one class plus one entry here; {@code BundleMetadataIT} fails if the bundle registers a component
 * that has no entry. Steps count from 1; S is steps per epoch, T total steps.
 */
final class ScheduleCases {
    private ScheduleCases() {
    }

    /** A factor in (0, 1]: mostly uniform, sometimes exactly 1, sometimes tiny (to underflow over a run). */
    private static String gamma(Random r) {
        switch (r.nextInt(5)) {
            case 0:
                return "1";
            case 1:
                return "1e-200";
            default:
                return Double.toString(1 - r.nextDouble());
        }
    }

    /** A factor in [0, 1]: mostly uniform, sometimes exactly 0 or 1. */
    private static String unit(Random r) {
        switch (r.nextInt(5)) {
            case 0:
                return "0";
            case 1:
                return "1";
            default:
                return Double.toString(r.nextDouble());
        }
    }

    static final List<ScheduleCase> ALL = List.of(
            // constant: factor(t) = 1
            new ScheduleCase("constant", new Constant(), List.of(
                    // S = 10, T = 100: 1 at every step, and past the end
                    new Example("flat", Map.of(), 10, 100, join(range(1, 100, 1), at(1000, 1))),
                    // S = 1, T = 1
                    new Example("one step", Map.of(), 1, 1, at(1, 1))),
                    List.of(),
                    r -> Map.of()),

            // step: factor(t) = gamma^floor((t-1) / (every S))
            new ScheduleCase("step", new Step(), List.of(
                    // every = 2, gamma = 0.5, S = 10: a decay every 2 * 10 = 20 steps
                    //   t = 1..20:  floor(0..19 / 20)  = 0 -> 0.5^0 = 1
                    //   t = 21..40: floor(20..39 / 20) = 1 -> 0.5^1 = 0.5
                    //   t = 41..50: floor(40..49 / 20) = 2 -> 0.5^2 = 0.25
                    new Example("halved every 2 epochs", Map.of("every", "2", "gamma", "0.5"), 10, 50,
                            join(range(1, 20, 1), range(21, 40, 0.5), range(41, 50, 0.25))),
                    // every = 3, gamma = 0.2, S = 7: period 21 steps
                    //   t = 21: floor(20 / 21) = 0 -> 1;      t = 22: floor(21 / 21) = 1 -> 0.2
                    //   t = 43: floor(42 / 21) = 2 -> 0.04;   t = 64: floor(63 / 21) = 3 -> 0.008
                    //   t = 84 (last, T = 4 * 21): floor(83 / 21) = 3 -> 0.008
                    new Example("period not a power of two", Map.of("every", "3", "gamma", "0.2"), 7, 84,
                            join(at(1, 1), at(21, 1), at(22, 0.2), at(42, 0.2), at(43, 0.04), at(63, 0.04),
                                    at(64, 0.008), at(84, 0.008))),
                    // defaults every = 10, gamma = 0.1; S = 3, T = 90 (30 epochs): period 30 steps
                    //   t = 30 -> 1;  t = 31 -> 0.1;  t = 60 -> 0.1;  t = 61 -> 0.01;  t = 90 -> 0.01
                    //   past the end the rule goes on: t = 91: floor(90 / 30) = 3 -> 0.001
                    new Example("defaults", Map.of(), 3, 90,
                            join(at(1, 1), at(30, 1), at(31, 0.1), at(60, 0.1), at(61, 0.01), at(90, 0.01),
                                    at(91, 0.001))),
                    // gamma = 1: never decays;  every = 1, S = 1: k = t - 1
                    new Example("gamma 1", Map.of("every", "1", "gamma", "1"), 1, 5, range(1, 5, 1))),
                    List.of(new Bad("gamma", "0", "(0, 1]"), new Bad("gamma", "1.5", "(0, 1]"),
                            new Bad("gamma", "-0.1", "(0, 1]"), new Bad("gamma", "NaN", "(0, 1]"),
                            new Bad("every", "0", "[1, 1000000] (integer)"),
                            new Bad("every", "2.5", "[1, 1000000] (integer)"),
                            new Bad("every", "-3", "[1, 1000000] (integer)")),
                    r -> Map.of("every", Integer.toString(1 + r.nextInt(5)), "gamma", gamma(r))),

            // exponential: factor(t) = gamma^floor((t-1) / S)
            new ScheduleCase("exponential", new Exponential(), List.of(
                    // gamma = 0.5, S = 4, T = 20
                    //   t = 1..4: e = 0 -> 1;  t = 5..8: e = 1 -> 0.5;  t = 9..12: e = 2 -> 0.25
                    //   t = 17..20: e = 4 -> 0.0625
                    new Example("halved every epoch", Map.of("gamma", "0.5"), 4, 20,
                            join(range(1, 4, 1), range(5, 8, 0.5), range(9, 12, 0.25), range(17, 20, 0.0625))),
                    // default gamma = 0.95, S = 100, T = 400
                    //   t = 100: e = 0 -> 1;  t = 101: e = 1 -> 0.95;  t = 201: e = 2 -> 0.9025
                    //   t = 301..400: e = 3 -> 0.95^3 = 0.857375
                    new Example("defaults", Map.of(), 100, 400,
                            join(at(1, 1), at(100, 1), at(101, 0.95), at(200, 0.95), at(201, 0.9025),
                                    at(301, 0.857375), at(400, 0.857375))),
                    // gamma = 0.1, S = 1: a new epoch every step, factor 0.1^(t-1)
                    //   t = 1 -> 1;  t = 2 -> 0.1;  t = 3 -> 0.01;  t = 4 -> 0.001
                    new Example("one step per epoch", Map.of("gamma", "0.1"), 1, 4,
                            join(at(1, 1), at(2, 0.1), at(3, 0.01), at(4, 0.001)))),
                    List.of(new Bad("gamma", "0", "(0, 1]"), new Bad("gamma", "1.01", "(0, 1]"),
                            new Bad("gamma", "", "(0, 1]"), new Bad("gamma", "fast", "(0, 1]")),
                    r -> Map.of("gamma", gamma(r))),

            // cosine: factor(t) = m + (1 - m) (1 + cos(pi (t-1) / (T-1))) / 2;  T = 1: 1
            new ScheduleCase("cosine", new Cosine(), List.of(
                    // m = 0 (default), T = 5: x = (t-1) / 4
                    //   t = 1: cos 0 = 1        -> 1
                    //   t = 2: cos(pi/4) = sqrt(2)/2 -> (2 + sqrt 2) / 4 = 0.85355339059327376
                    //   t = 3: cos(pi/2) = 0    -> 0.5
                    //   t = 4: -sqrt(2)/2       -> (2 - sqrt 2) / 4 = 0.14644660940672624
                    //   t = 5: cos pi = -1      -> 0;  past the end it stays 0
                    new Example("to zero", Map.of(), 2, 5,
                            join(at(1, 1), at(2, 0.85355339059327376), at(3, 0.5), at(4, 0.14644660940672624),
                                    at(5, 0), at(6, 0), at(50, 0))),
                    // m = 0.1, T = 7: x = (t-1) / 6;  factor = 0.1 + 0.9 w, w = (1 + cos(pi x)) / 2
                    //   t = 2: cos(pi/6) = sqrt(3)/2:  w = (2 + sqrt 3) / 4 = 0.93301270189221932
                    //          -> 0.1 + 0.83971143170299739 = 0.93971143170299739
                    //   t = 3: cos(pi/3) = 0.5:   w = 0.75 -> 0.775
                    //   t = 4: cos(pi/2) = 0:     w = 0.5  -> 0.55
                    //   t = 5: cos(2pi/3) = -0.5: w = 0.25 -> 0.325
                    //   t = 6: w = (2 - sqrt 3) / 4 = 0.066987298107780677 -> 0.16028856829700261
                    //   t = 7: w = 0 -> 0.1;  past the end it stays 0.1
                    new Example("to a floor", Map.of("min-factor", "0.1"), 3, 7,
                            join(at(1, 1), at(2, 0.93971143170299739), at(3, 0.775), at(4, 0.55), at(5, 0.325),
                                    at(6, 0.16028856829700261), at(7, 0.1), at(8, 0.1), at(1000, 0.1))),
                    // m = 0.2, T = 3: t = 2 is the midpoint, w = 0.5 -> 0.2 + 0.8 * 0.5 = 0.6
                    new Example("three steps", Map.of("min-factor", "0.2"), 1, 3,
                            join(at(1, 1), at(2, 0.6), at(3, 0.2), at(4, 0.2))),
                    // T = 1: the only step is the first, factor 1 (no division by T - 1 = 0)
                    new Example("one step", Map.of("min-factor", "0.3"), 1, 1, join(at(1, 1), at(2, 1))),
                    // m = 1: flat
                    new Example("min-factor 1", Map.of("min-factor", "1"), 4, 12, range(1, 12, 1))),
                    List.of(new Bad("min-factor", "-0.1", "[0, 1]"), new Bad("min-factor", "1.5", "[0, 1]"),
                            new Bad("min-factor", "half", "[0, 1]")),
                    r -> Map.of("min-factor", unit(r))));
}
