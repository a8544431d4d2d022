// Evaluates a PromQL expression at one instant against a Storage.
#pragma once

#include <stdexcept>
#include <string>

#include "sim/promql/ast.hpp"
#include "sim/promql/value.hpp"
#include "sim/tsdb/storage.hpp"

namespace sim::promql {

struct EngineOptions {
    Duration lookback = Duration::minutes(5);
    tsdb::RangeBoundary ranges = tsdb::RangeBoundary::Closed;  // Prometheus 2.x by default
    Duration default_subquery_step = Duration::minutes(1);     // the evaluation interval

    bool operator==(const EngineOptions&) const = default;
};

// A runtime error (e.g. duplicate label sets, many-to-many matching), worded as Prometheus words it.
class EvalError : public std::runtime_error {
public:
    EvalError(PosRange pos, const std::string& message) : std::runtime_error(message), pos_(pos) {}
    PosRange pos() const { return pos_; }

private:
    PosRange pos_;
};

class SubqueryMemo;

// With a memo, subquery steps computed by an earlier call for the same expression are reused
// (see subquery_memo.hpp); the result is the same as without.
Value evaluate(const Expr& expr, const tsdb::Storage& storage, Time t, const EngineOptions& options = {},
               SubqueryMemo* memo = nullptr);

}  // namespace sim::promql
