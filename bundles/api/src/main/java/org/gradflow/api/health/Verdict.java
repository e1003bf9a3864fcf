package org.gradflow.api.health;

import java.util.List;

/**
 * A diagnosis of one check, in plain words.
 *
 * @param condition what was found
 * @param evidence  the numbers behind it, e.g. "layer fc1 receives 3e-07 of the last layer's gradient;
 *                  91% of sigmoid units in fc1-fc6 are saturated"
 * @param remedies  run-spec changes that address it, each one installed now, e.g.
 *                  {@code activation=relu initializer=he-normal}; empty for a healthy run
 * @param step      the step checked
 */
public record Verdict(Condition condition, String evidence, List<String> remedies, long step) {
    public Verdict {
        remedies = List.copyOf(remedies);
    }

    /** One line: {@code vanishing: <evidence>. Try: <remedy>, or <remedy>}. */
    public String text() {
        StringBuilder sb = new StringBuilder(condition.word()).append(": ").append(evidence);
        if (!remedies.isEmpty()) {
            sb.append(". Try: ").append(String.join(", or ", remedies));
        }
        return sb.toString();
    }
}
