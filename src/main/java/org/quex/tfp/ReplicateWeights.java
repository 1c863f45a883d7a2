package org.quex.tfp;

import java.nio.charset.StandardCharsets;

/**
 * Firm-cluster bootstrap by weights: replicate r gives every row of a firm the same Poisson(1)
 * count drawn from a hash of (firm, r, seed), so lags stay within the firm and every replicate
 * can be accumulated in the same pass as the point estimate (replicate 0, weight 1). Poisson
 * counts approximate the multinomial firm resampling of R prodest's block.boot.resample
 * (Hanley & MacGibbon 2006; Chamandy et al. 2012, "Estimating uncertainty for massive data
 * streams").
 */
public final class ReplicateWeights {
    private ReplicateWeights() {
    }

    public static double weight(String firm, int replicate, long seed) {
        if (replicate == 0) {
            return 1;
        }
        long h = 0xcbf29ce484222325L; // FNV-1a 64 of the firm id
        for (byte b : firm.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        long z = mix(h ^ mix(seed + 0x9e3779b97f4a7c15L * replicate));
        double u = (z >>> 11) * 0x1.0p-53;
        int k = 0;
        double p = Math.exp(-1);
        double cdf = p;
        while (u > cdf && k < 50) {
            k++;
            p /= k;
            cdf += p;
        }
        return k;
    }

    private static long mix(long z) { // SplitMix64 finaliser
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
