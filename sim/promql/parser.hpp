// PromQL text to syntax tree, and back.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/promql/ast.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::promql {

// A syntax or type error, or a construct we do not support, at a byte range of the input.
class ParseError : public std::runtime_error {
public:
    ParseError(PosRange pos, const std::string& message) : std::runtime_error(message), pos_(pos) {}
    PosRange pos() const { return pos_; }

private:
    PosRange pos_;
};

// Parses and type-checks an expression as Prometheus 2.42 does. Throws ParseError.
ExprPtr parse(std::string_view text);

// Parses a series description such as `up{job="x"}` (promtool input_series, exp_samples labels).
tsdb::Labels parse_metric(std::string_view text);

// Canonical text that parses back to an equal tree (Prometheus' String() formatting).
std::string to_string(const Expr& e);

// 1-based line and column of a byte offset in `text`.
struct LineCol {
    int line = 1;
    int column = 1;
};
LineCol line_col(std::string_view text, int offset);

}  // namespace sim::promql
