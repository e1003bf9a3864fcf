package org.gradflow.benchmarks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A product's label, {@code FORM_mxk*kxn}: {@code FORM} is {@code NN}, {@code NT} or {@code TN} (which
 * operand is read transposed), then the operands' shapes as used. Shared by the Gradflow and ND4J
 * benchmarks and by {@link PerformanceTable} (for GFLOP/s = 2mnk / time).
 */
public record GemmShape(boolean transposeA, boolean transposeB, int m, int k, int n) {
    private static final Pattern LABEL = Pattern.compile("(N|T)(N|T)_(\\d+)x(\\d+)\\*(\\d+)x(\\d+)");

    public static GemmShape parse(String label) {
        Matcher x = LABEL.matcher(label);
        if (!x.matches() || !x.group(4).equals(x.group(5))) {
            throw new IllegalArgumentException("product label '" + label + "': expected FORM_mxk*kxn, e.g. NN_128x784*784x512");
        }
        return new GemmShape(x.group(1).equals("T"), x.group(2).equals("T"), Integer.parseInt(x.group(3)),
                Integer.parseInt(x.group(4)), Integer.parseInt(x.group(6)));
    }

    /** Floating-point operations of one product: {@code 2mnk}. */
    public double flops() {
        return 2.0 * m * k * n;
    }
}
