// Go's trigonometric and hyperbolic functions (Cephes and FreeBSD algorithms), ported so that
// PromQL's sin, atan2, tanh, ... agree with promtool to the last bit.
#include <cmath>
#include <cstdint>
#include <limits>

#include "sim/promql/eval_gomath.hpp"

namespace sim::promql::gomath {

namespace {

// Cephes' rational approximation of atan on [0, 0.66], as Go's math.Atan uses it.
double xatan(double x) {
    constexpr double P0 = -8.750608600031904122785e-01, P1 = -1.615753718733365076637e+01,
                     P2 = -7.500855792314704667340e+01, P3 = -1.228866684490136173410e+02,
                     P4 = -6.485021904942025371773e+01;
    constexpr double Q0 = +2.485846490142306297962e+01, Q1 = +1.650270098316988542046e+02,
                     Q2 = +4.328810604912902668951e+02, Q3 = +4.853903996359136964868e+02,
                     Q4 = +1.945506571482613964425e+02;
    double z = x * x;
    z = z * ((((P0 * z + P1) * z + P2) * z + P3) * z + P4) / (((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4);
    return x * z + x;
}

constexpr double kPi = 3.14159265358979323846264338327950288419716939937510582097494459;

// Reduces a positive argument to [0, 0.66].
double satan(double x) {
    constexpr double kMorebits = 6.123233995736765886130e-17;  // pi/2 = PIO2 + Morebits
    constexpr double kTan3Pi8 = 2.41421356237309504880;
    if (x <= 0.66) return xatan(x);
    if (x > kTan3Pi8) return kPi / 2 - xatan(1 / x) + kMorebits;
    return kPi / 4 + xatan((x - 1) / (x + 1)) + 0.5 * kMorebits;
}

}  // namespace

double atan(double x) {
    if (x == 0) return x;
    return x > 0 ? satan(x) : -satan(-x);
}

double atan2(double y, double x) {
    if (std::isnan(y) || std::isnan(x)) return std::numeric_limits<double>::quiet_NaN();
    if (y == 0) return x >= 0 && !std::signbit(x) ? std::copysign(0.0, y) : std::copysign(kPi, y);
    if (x == 0) return std::copysign(kPi / 2, y);
    if (std::isinf(x)) {
        if (x > 0) return std::isinf(y) ? std::copysign(kPi / 4, y) : std::copysign(0.0, y);
        return std::isinf(y) ? std::copysign(3 * kPi / 4, y) : std::copysign(kPi, y);
    }
    if (std::isinf(y)) return std::copysign(kPi / 2, y);
    const double q = atan(y / x);
    if (x < 0) return q <= 0 ? q + kPi : q - kPi;
    return q;
}

double asin(double x) {
    if (x == 0) return x;
    const bool negative = x < 0;
    if (negative) x = -x;
    if (x > 1) return std::numeric_limits<double>::quiet_NaN();
    double r = std::sqrt(1 - x * x);
    r = x > 0.7 ? kPi / 2 - satan(r / x) : satan(x / r);
    return negative ? -r : r;
}

double acos(double x) { return kPi / 2 - asin(x); }

double sinh(double x) {
    // Hart & Cheney #2029 near zero.
    constexpr double P0 = -0.6307673640497716991184787251e+6, P1 = -0.8991272022039509355398013511e+5,
                     P2 = -0.2894211355989563807284660366e+4, P3 = -0.2630563213397497062819489000e+2;
    constexpr double Q0 = -0.6307673640497716991212077277e+6, Q1 = 0.1521517378790019070696485176e+5,
                     Q2 = -0.173678953558233699533450911e+3;
    const bool negative = x < 0;
    if (negative) x = -x;
    double r = 0;
    if (x > 21) {
        r = exp(x) * 0.5;
    } else if (x > 0.5) {
        const double ex = exp(x);
        r = (ex - 1 / ex) * 0.5;
    } else {
        const double sq = x * x;
        r = (((P3 * sq + P2) * sq + P1) * sq + P0) * x;
        r = r / (((sq + Q2) * sq + Q1) * sq + Q0);
    }
    return negative ? -r : r;
}

double cosh(double x) {
    x = std::fabs(x);
    if (x > 21) return exp(x) * 0.5;
    const double ex = exp(x);
    return (ex + 1 / ex) * 0.5;
}

double tanh(double x) {
    constexpr double P[] = {-9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3};
    constexpr double Q[] = {1.12811678491632931402e2, 2.23548839060100448583e3, 4.84406305325125486048e3};
    constexpr double kMaxLog = 8.8029691931113054295988e+01;  // log(2^127)
    double z = std::fabs(x);
    if (z > 0.5 * kMaxLog) return x < 0 ? -1 : 1;
    if (z >= 0.625) {
        const double s = exp(2 * z);
        z = 1 - 2 / (s + 1);
        return x < 0 ? -z : z;
    }
    if (x == 0) return x;
    const double s = x * x;
    return x + x * s * ((P[0] * s + P[1]) * s + P[2]) / (((s + Q[0]) * s + Q[1]) * s + Q[2]);
}

namespace {

constexpr double kSinCoef[] = {1.58962301576546568060e-10, -2.50507477628578072866e-8, 2.75573136213857245213e-6,
                               -1.98412698295895385996e-4, 8.33333333332211858878e-3, -1.66666666666666307295e-1};
constexpr double kCosCoef[] = {-1.13585365213876817300e-11, 2.08757008419747316778e-9, -2.75573141792967388112e-7,
                               2.48015872888517045348e-5, -1.38888888888730564116e-3, 4.16666666666665929218e-2};
// Beyond this Go switches to Payne-Hanek reduction; we leave such arguments to the C library.
constexpr double kReduceThreshold = 1 << 29;

struct Octant {
    std::uint64_t j;  // octant of x, made even
    double z;         // x minus j * pi/4, in extended precision
};

// x >= 0: the Cephes reduction by pi/4 split into three parts.
Octant reduce(double x) {
    constexpr double kPi4A = 7.85398125648498535156e-1, kPi4B = 3.77489470793079817668e-8,
                     kPi4C = 2.69515142907905952645e-15;
    constexpr double k4OverPi = 1.27323954473516268615107010698011489627567716592365;
    auto j = static_cast<std::uint64_t>(x * k4OverPi);
    auto y = static_cast<double>(j);
    if ((j & 1) == 1) {  // map zeros to the origin
        j++;
        y++;
    }
    return {j, ((x - y * kPi4A) - y * kPi4B) - y * kPi4C};
}

double sin_poly(double z, double zz) {
    return z + z * zz * (((((kSinCoef[0] * zz + kSinCoef[1]) * zz + kSinCoef[2]) * zz + kSinCoef[3]) * zz + kSinCoef[4]) * zz + kSinCoef[5]);
}

double cos_poly(double zz) {
    return 1.0 - 0.5 * zz +
           zz * zz * (((((kCosCoef[0] * zz + kCosCoef[1]) * zz + kCosCoef[2]) * zz + kCosCoef[3]) * zz + kCosCoef[4]) * zz + kCosCoef[5]);
}

}  // namespace

double sin(double x) {
    if (x == 0 || std::isnan(x)) return x;
    if (std::isinf(x)) return std::numeric_limits<double>::quiet_NaN();
    bool negative = x < 0;
    if (negative) x = -x;
    if (x >= kReduceThreshold) return negative ? -std::sin(x) : std::sin(x);
    auto [j, z] = reduce(x);
    j &= 7;
    if (j > 3) {
        negative = !negative;
        j -= 4;
    }
    const double zz = z * z;
    const double y = j == 1 || j == 2 ? cos_poly(zz) : sin_poly(z, zz);
    return negative ? -y : y;
}

double cos(double x) {
    if (std::isnan(x) || std::isinf(x)) return std::numeric_limits<double>::quiet_NaN();
    x = std::fabs(x);
    if (x >= kReduceThreshold) return std::cos(x);
    auto [j, z] = reduce(x);
    j &= 7;
    bool negative = false;
    if (j > 3) {
        j -= 4;
        negative = !negative;
    }
    if (j > 1) negative = !negative;
    const double zz = z * z;
    const double y = j == 1 || j == 2 ? sin_poly(z, zz) : cos_poly(zz);
    return negative ? -y : y;
}

double tan(double x) {
    constexpr double P[] = {-1.30936939181383777646e4, 1.15351664838587416140e6, -1.79565251976484877988e7};
    constexpr double Q[] = {1.36812963470692954678e4, -1.32089234440210967447e6, 2.50083801823357915839e7,
                            -5.38695755929454629881e7};
    if (x == 0 || std::isnan(x)) return x;
    if (std::isinf(x)) return std::numeric_limits<double>::quiet_NaN();
    const bool negative = x < 0;
    if (negative) x = -x;
    if (x >= kReduceThreshold) return negative ? -std::tan(x) : std::tan(x);
    const auto [j, z] = reduce(x);
    const double zz = z * z;
    double y = z;
    if (zz > 1e-14) y = z + z * (zz * ((P[0] * zz + P[1]) * zz + P[2]) / ((((zz + Q[0]) * zz + Q[1]) * zz + Q[2]) * zz + Q[3]));
    if ((j & 2) == 2) y = -1 / y;
    return negative ? -y : y;
}

double asinh(double x) {
    constexpr double kLn2 = 6.93147180559945286227e-01, kNearZero = 1.0 / (1 << 28), kLarge = 1 << 28;
    if (std::isnan(x) || std::isinf(x)) return x;
    const bool negative = x < 0;
    if (negative) x = -x;
    double r = 0;
    if (x > kLarge)
        r = log(x) + kLn2;
    else if (x > 2)
        r = log(2 * x + 1 / (std::sqrt(x * x + 1) + x));
    else if (x < kNearZero)
        r = x;
    else
        r = log1p(x + x * x / (1 + std::sqrt(1 + x * x)));
    return negative ? -r : r;
}

double acosh(double x) {
    constexpr double kLn2 = 6.93147180559945286227e-01, kLarge = 1 << 28;
    if (x < 1 || std::isnan(x)) return std::numeric_limits<double>::quiet_NaN();
    if (x == 1) return 0;
    if (x >= kLarge) return log(x) + kLn2;
    if (x > 2) return log(2 * x - 1 / (x + std::sqrt(x * x - 1)));
    const double t = x - 1;
    return log1p(t + std::sqrt(2 * t + t * t));
}

double atanh(double x) {
    constexpr double kNearZero = 1.0 / (1 << 28);
    if (x < -1 || x > 1 || std::isnan(x)) return std::numeric_limits<double>::quiet_NaN();
    if (x == 1) return std::numeric_limits<double>::infinity();
    if (x == -1) return -std::numeric_limits<double>::infinity();
    const bool negative = x < 0;
    if (negative) x = -x;
    double r = 0;
    if (x < kNearZero) {
        r = x;
    } else if (x < 0.5) {
        r = x + x;
        r = 0.5 * log1p(r + r * x / (1 - x));
    } else {
        r = 0.5 * log1p((x + x) / (1 - x));
    }
    return negative ? -r : r;
}

}  // namespace sim::promql::gomath
