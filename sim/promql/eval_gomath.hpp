// Go's math functions where their results differ from the C library's, so that our numbers
// match Prometheus' bit for bit.
#pragma once

namespace sim::promql::gomath {

// math.Pow: integer powers by repeated squaring, not correctly rounded like C's pow().
double pow(double x, double y);
// math.Log and math.Log1p: FreeBSD's algorithms, which are not always the C library's result.
double log(double x);
double log1p(double x);
// math.Exp as Go's amd64 assembly computes it (with FMA when the CPU has it).
double exp(double x);
// math.Log2 and math.Log10, which Go derives from its natural logarithm.
double log2(double x);
double log10(double x);
// math.Atan and math.Atan2, Go's own (Cephes) arctangent rather than the C library's.
double atan(double x);
double atan2(double y, double x);
// Go's Cephes sin, cos, tan (below 2^29; larger arguments use the C library).
double sin(double x);
double cos(double x);
double tan(double x);
// Go's asin, acos (from its atan), sinh, cosh, tanh (from its exp).
double asin(double x);
double acos(double x);
double sinh(double x);
double cosh(double x);
double tanh(double x);
// Go's log1p-based asinh, acosh, atanh.
double asinh(double x);
double acosh(double x);
double atanh(double x);
// math.Max / math.Min: an infinity wins over NaN, otherwise NaN wins; +0 beats -0.
double max(double x, double y);
double min(double x, double y);

}  // namespace sim::promql::gomath
