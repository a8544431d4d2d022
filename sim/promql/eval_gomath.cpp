#include "sim/promql/eval_gomath.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace sim::promql::gomath {

namespace {

bool is_odd_int(double x) {
    if (std::fabs(x) >= 9007199254740992.0) return false;  // 2^53: every such float is even
    double xi = 0;
    const double xf = std::modf(x, &xi);
    return xf == 0 && (static_cast<std::int64_t>(xi) & 1) == 1;
}

}  // namespace

double pow(double x, double y) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    if (y == 0 || x == 1) return 1;
    if (y == 1) return x;
    if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0) {
        if (y < 0) return std::signbit(x) && is_odd_int(y) ? -inf : inf;
        return std::signbit(x) && is_odd_int(y) ? x : 0;
    }
    if (std::isinf(y)) {
        if (x == -1) return 1;
        return (std::fabs(x) < 1) == (y > 0) ? 0 : inf;
    }
    if (std::isinf(x)) {
        if (x < 0) return pow(1 / x, -y);  // pow(-0, -y)
        return y < 0 ? 0 : inf;
    }
    if (y == 0.5) return std::sqrt(x);
    if (y == -0.5) return 1 / std::sqrt(x);

    double yi = 0;
    double yf = std::modf(std::fabs(y), &yi);
    if (yf != 0 && x < 0) return std::numeric_limits<double>::quiet_NaN();
    if (yi >= 9223372036854775808.0) {  // 2^63: overflows or underflows for every x but -1
        if (x == -1) return 1;
        return (std::fabs(x) < 1) == (y > 0) ? 0 : inf;
    }

    // result = a1 * 2^ae
    double a1 = 1.0;
    long ae = 0;
    if (yf != 0) {
        if (yf > 0.5) {
            yf--;
            yi++;
        }
        a1 = exp(yf * log(x));
    }
    int xe_int = 0;
    double x1 = std::frexp(x, &xe_int);
    long xe = xe_int;
    for (auto i = static_cast<std::int64_t>(yi); i != 0; i >>= 1) {
        if (xe < -(1L << 12) || (1L << 12) < xe) {
            // Catastrophic overflow: leave it to ldexp.
            ae += xe;
            break;
        }
        if ((i & 1) == 1) {
            a1 *= x1;
            ae += xe;
        }
        x1 *= x1;
        xe <<= 1;
        if (x1 < .5) {
            x1 += x1;
            xe--;
        }
    }
    if (y < 0) {
        a1 = 1 / a1;
        ae = -ae;
    }
    if (ae > 1 << 20) ae = 1 << 20;  // keep the int conversion defined; ldexp saturates anyway
    if (ae < -(1 << 20)) ae = -(1 << 20);
    return std::ldexp(a1, static_cast<int>(ae));
}

// Go writes these as exact constant expressions, so they are the correctly rounded values.
constexpr double kLog2E = 1.44269504088896340735992468100189213742664595415298593;    // 1/Ln2
constexpr double kLog10E = 0.434294481903251827651128918916605082294397005803666566;  // 1/Ln10

double log(double x) {
    // FreeBSD's e_log.c as Go ports it (its amd64 assembly computes the same).
    constexpr double Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10;
    constexpr double L1 = 6.666666666666735130e-01, L2 = 3.999999999940941908e-01, L3 = 2.857142874366239149e-01,
                     L4 = 2.222219843214978396e-01, L5 = 1.818357216161805012e-01, L6 = 1.531383769920937332e-01,
                     L7 = 1.479819860511658591e-01;
    constexpr double kSqrt2Over2 = 0.707106781186547524400844362104849039284835937688474036588;
    if (std::isnan(x) || (std::isinf(x) && x > 0)) return x;
    if (x < 0) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0) return -std::numeric_limits<double>::infinity();
    int ki = 0;
    double f1 = std::frexp(x, &ki);
    if (f1 < kSqrt2Over2) {
        f1 *= 2;
        ki--;
    }
    const double f = f1 - 1;
    const double k = ki;
    const double s = f / (2 + f);
    const double s2 = s * s;
    const double s4 = s2 * s2;
    const double t1 = s2 * (L1 + s4 * (L3 + s4 * (L5 + s4 * L7)));
    const double t2 = s4 * (L2 + s4 * (L4 + s4 * L6));
    const double R = t1 + t2;
    const double hfsq = 0.5 * f * f;
    return k * Ln2Hi - ((hfsq - (s * (hfsq + R) + k * Ln2Lo)) - f);
}

double log2(double x) {
    int exp = 0;
    const double frac = std::frexp(x, &exp);
    // Exact for powers of two.
    if (frac == 0.5) return static_cast<double>(exp - 1);
    return log(frac) * kLog2E + static_cast<double>(exp);
}

double log10(double x) { return log(x) * kLog10E; }

double exp(double x) {
    // Go's amd64 math.Exp (after Shibata's SLEEF method): a Taylor series on x/16, squared back
    // up four times. Go takes a fused multiply-add path when the CPU has FMA and AVX2, and the
    // two paths round differently, so we take the same one.
    static const bool use_fma = __builtin_cpu_supports("fma") && __builtin_cpu_supports("avx2");
    constexpr double kLog2E = 1.4426950408889634073599246810018920;
    constexpr double kLn2Upper = 0.69314718055966295651160180568695068359375;
    constexpr double kLn2Lower = 0.28235290563031577122588448175013436025525412068e-12;
    constexpr double kOverflow = 7.09782712893384e+02;
    constexpr double kTaylor[] = {2.4801587301587301587e-5, 1.9841269841269841270e-4, 1.3888888888888888889e-3,
                                  8.3333333333333333333e-3, 4.1666666666666666667e-2, 1.6666666666666666667e-1,
                                  0.5, 1.0};
    if (std::isnan(x) || (std::isinf(x) && x > 0)) return x;
    if (std::isinf(x)) return 0;
    if (x > kOverflow) return std::numeric_limits<double>::infinity();
    const double scaled = kLog2E * x;
    // CVTSD2SL: round to nearest even; out of range gives INT32_MIN.
    const std::int32_t k = scaled >= -2147483648.0 && scaled < 2147483647.5
                               ? static_cast<std::int32_t>(std::nearbyint(scaled))
                               : INT32_MIN;
    const double kd = k;
    double r = 0;
    if (use_fma) {
        r = std::fma(-kd, kLn2Upper, x);
        r = std::fma(-kd, kLn2Lower, r);
    } else {
        r = x - kd * kLn2Upper;
        r = r - kd * kLn2Lower;
    }
    r *= 0.0625;
    double p = kTaylor[0];
    for (int i = 1; i < 8; ++i) p = use_fma ? std::fma(p, r, kTaylor[i]) : p * r + kTaylor[i];
    double em1 = r * p;  // e^r - 1
    for (int i = 0; i < 3; ++i) em1 = em1 * (em1 + 2.0);
    const double y = use_fma ? std::fma(em1 + 2.0, em1, 1.0) : em1 * (em1 + 2.0) + 1.0;
    const std::int64_t biased = static_cast<std::int64_t>(k) + 1023;
    if (biased <= 0) return 0;
    if (biased >= 0x7ff) return std::numeric_limits<double>::infinity();
    return y * std::bit_cast<double>(static_cast<std::uint64_t>(biased) << 52);
}

double log1p(double x) {
    // FreeBSD's s_log1p.c as Go ports it.
    constexpr double kSqrt2M1 = 4.142135623730950488017e-01, kSqrt2HalfM1 = -2.928932188134524755992e-01;
    constexpr double kSmall = 1.0 / (1 << 29), kTiny = 1.0 / (1ULL << 54), kTwo53 = 1ULL << 53;
    constexpr double Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10;
    constexpr double Lp1 = 6.666666666666735130e-01, Lp2 = 3.999999999940941908e-01, Lp3 = 2.857142874366239149e-01,
                     Lp4 = 2.222219843214978396e-01, Lp5 = 1.818357216161805012e-01, Lp6 = 1.531383769920937332e-01,
                     Lp7 = 1.479819860511658591e-01;
    if (x < -1 || std::isnan(x)) return std::numeric_limits<double>::quiet_NaN();
    if (x == -1) return -std::numeric_limits<double>::infinity();
    if (std::isinf(x)) return x;
    const double absx = std::fabs(x);
    double f = 0;
    std::uint64_t iu = 0;
    int k = 1;
    if (absx < kSqrt2M1) {
        if (absx < kSmall) return absx < kTiny ? x : x - x * x * 0.5;
        if (x > kSqrt2HalfM1) {  // sqrt(2)/2 - 1 < x < sqrt(2) - 1: no reduction needed
            k = 0;
            f = x;
            iu = 1;
        }
    }
    double c = 0;  // correction for the rounding of 1 + x
    if (k != 0) {
        double u = 0;
        if (absx < kTwo53) {
            u = 1.0 + x;
            iu = std::bit_cast<std::uint64_t>(u);
            k = static_cast<int>((iu >> 52) - 1023);
            c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
            c /= u;
        } else {
            u = x;
            iu = std::bit_cast<std::uint64_t>(u);
            k = static_cast<int>((iu >> 52) - 1023);
        }
        iu &= 0x000fffffffffffffULL;
        if (iu < 0x0006a09e667f3bcdULL) {  // the mantissa of sqrt(2)
            u = std::bit_cast<double>(iu | 0x3ff0000000000000ULL);
        } else {
            k++;
            u = std::bit_cast<double>(iu | 0x3fe0000000000000ULL);
            iu = (0x0010000000000000ULL - iu) >> 2;
        }
        f = u - 1.0;
    }
    const double hfsq = 0.5 * f * f;
    const double kd = k;
    if (iu == 0) {  // |f| < 2^-20
        if (f == 0) {
            if (k == 0) return 0;
            c += kd * Ln2Lo;
            return kd * Ln2Hi + c;
        }
        const double R = hfsq * (1.0 - 0.66666666666666666 * f);
        if (k == 0) return f - R;
        return kd * Ln2Hi - ((R - (kd * Ln2Lo + c)) - f);
    }
    const double s = f / (2.0 + f);
    const double z = s * s;
    const double R = z * (Lp1 + z * (Lp2 + z * (Lp3 + z * (Lp4 + z * (Lp5 + z * (Lp6 + z * Lp7))))));
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return kd * Ln2Hi - ((hfsq - (s * (hfsq + R) + (kd * Ln2Lo + c))) - f);
}

double max(double x, double y) {
    if (std::isinf(x) && x > 0) return x;
    if (std::isinf(y) && y > 0) return y;
    if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0 && x == y) return std::signbit(x) ? y : x;
    return x > y ? x : y;
}

double min(double x, double y) {
    if (std::isinf(x) && x < 0) return x;
    if (std::isinf(y) && y < 0) return y;
    if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0 && x == y) return std::signbit(x) ? x : y;
    return x < y ? x : y;
}

}  // namespace sim::promql::gomath
