// The type rules Prometheus applies to a syntactically valid expression (parser.checkAST).
#pragma once

#include <string_view>

#include "sim/promql/ast.hpp"

namespace sim::promql {

// Throws ParseError at the first violation, in the order Prometheus finds them. Also settles
// BinaryExpr::matching: many-to-many for set operators, and none unless both sides are instant
// vectors. `input` is the parsed text, used to point errors at an operator.
void check_types(Expr& root, std::string_view input);

}  // namespace sim::promql
