// The vector selectors an expression reads, inside range selectors and subqueries included: what
// a rule needs to exist among the series for it to mean anything.
#pragma once

#include <vector>

#include "sim/promql/ast.hpp"

namespace sim::promql {

// In the order they appear in the expression.
std::vector<const VectorSelector*> vector_selectors(const Expr& expr);

}  // namespace sim::promql
