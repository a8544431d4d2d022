// Element-wise math: abs, ceil, floor, exp, sqrt, ln, log2, log10, sgn, round, clamp*,
// trigonometry, deg, rad (Prometheus 2.42 functions.go; Go's math where it differs from C's).
#include <cmath>
#include <numbers>

#include "sim/promql/eval_functions.hpp"
#include "sim/promql/eval_gomath.hpp"

namespace sim::promql {

namespace {

template <double (*F)(double)>
std::optional<double> simple(double v, std::span<const double>) {
    return F(v);
}

double abs_(double v) { return std::fabs(v); }
double ceil_(double v) { return std::ceil(v); }
double floor_(double v) { return std::floor(v); }
double sqrt_(double v) { return std::sqrt(v); }
double deg(double v) { return v * 180 / std::numbers::pi; }
double rad(double v) { return v * std::numbers::pi / 180; }
double sgn(double v) { return v < 0 ? -1.0 : v > 0 ? 1.0 : v; }  // keeps NaN and signed zero

std::optional<double> round(double v, std::span<const double> params) {
    const double to_nearest = params.empty() ? 1.0 : params[0];
    // Prometheus multiplies by the inverse (fewer rounding surprises); ties round up.
    const double inverse = 1.0 / to_nearest;
    return std::floor(v * inverse + 0.5) / inverse;
}

std::optional<double> clamp(double v, std::span<const double> params) {
    const double lo = params[0], hi = params[1];
    if (hi < lo) return std::nullopt;  // an empty result, not an error
    return gomath::max(lo, gomath::min(hi, v));
}

std::optional<double> clamp_min(double v, std::span<const double> params) { return gomath::max(params[0], v); }
std::optional<double> clamp_max(double v, std::span<const double> params) { return gomath::min(params[0], v); }

const std::map<std::string_view, ElementFunction> kFunctions = {
    {"abs", {simple<abs_>}},
    {"ceil", {simple<ceil_>}},
    {"floor", {simple<floor_>}},
    {"exp", {simple<gomath::exp>}},
    {"sqrt", {simple<sqrt_>}},
    {"ln", {simple<gomath::log>}},
    {"log2", {simple<gomath::log2>}},
    {"log10", {simple<gomath::log10>}},
    {"sgn", {simple<sgn>}},
    {"round", {round}},
    {"clamp", {clamp}},
    {"clamp_min", {clamp_min}},
    {"clamp_max", {clamp_max}},
    {"sin", {simple<gomath::sin>}},
    {"cos", {simple<gomath::cos>}},
    {"tan", {simple<gomath::tan>}},
    {"asin", {simple<gomath::asin>}},
    {"acos", {simple<gomath::acos>}},
    {"atan", {simple<gomath::atan>}},
    {"sinh", {simple<gomath::sinh>}},
    {"cosh", {simple<gomath::cosh>}},
    {"tanh", {simple<gomath::tanh>}},
    {"asinh", {simple<gomath::asinh>}},
    {"acosh", {simple<gomath::acosh>}},
    {"atanh", {simple<gomath::atanh>}},
    {"deg", {simple<deg>}},
    {"rad", {simple<rad>}},
};

}  // namespace

const ElementFunction* find_math_function(std::string_view name) { return find_in(kFunctions, name); }

}  // namespace sim::promql
