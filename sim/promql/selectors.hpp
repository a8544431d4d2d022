// The vector selectors an expression reads, inside range selectors and subqueries included: what
// a rule needs to exist among the series for it to mean anything.
#pragma once

#include <vector>

#include "sim/base/time.hpp"
#include "sim/promql/ast.hpp"

namespace sim::promql {

// In the order they appear in the expression.
std::vector<const VectorSelector*> vector_selectors(const Expr& expr);

// A vector selector and how far before the expression's evaluation time it is evaluated: the
// sum of the offsets of the subqueries around it (its own offset not included).
struct SelectorUse {
    const VectorSelector* selector;
    Duration subquery_offset;
    bool pinned = false;  // the selector, or a subquery around it, has an `@` modifier
};
// In the order they appear in the expression.
std::vector<SelectorUse> selector_uses(const Expr& expr);

}  // namespace sim::promql
