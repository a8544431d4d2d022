// Kahan-Neumaier compensated summation, as Prometheus 2.42 uses it in the *_over_time functions
// and in linear regression (but not in the sum/avg aggregators).
#pragma once

#include <cmath>

namespace sim::promql {

struct KahanSum {
    double sum = 0;
    double c = 0;  // the running compensation

    void add(double inc) {
        const double t = sum + inc;
        // Neumaier: compensate with whichever of the two lost its low bits.
        if (std::fabs(sum) >= std::fabs(inc))
            c += (sum - t) + inc;
        else
            c += (inc - t) + sum;
        sum = t;
    }
    double value() const { return sum + c; }
};

}  // namespace sim::promql
