// What recording and alerting rules share: a name, a PromQL expression, rule labels, the position
// in the rule file, and the outcome of the latest evaluation.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/base/error.hpp"
#include "sim/base/time.hpp"
#include "sim/promql/ast.hpp"
#include "sim/promql/engine.hpp"
#include "sim/promql/subquery_memo.hpp"
#include "sim/promql/value.hpp"
#include "sim/tsdb/labels.hpp"
#include "sim/tsdb/storage.hpp"

namespace sim::alerting {

class AlertingRule;

// What every rule evaluation may need besides the data: `$externalLabels`, `$externalURL` and
// the PromQL engine settings.
struct RuleContext {
    tsdb::Labels external_labels;
    std::string external_url;
    promql::EngineOptions engine;
};

// Prometheus' rule query function (also what templates' `query` runs): `expr` at `at` as a vector,
// a scalar as one sample without labels; with `memo`, subquery steps kept from earlier calls.
// Throws promql::EvalError or RuleError.
promql::Vector instant_query(const promql::Expr& expr, Time at, const tsdb::Storage& storage, const RuleContext& ctx,
                             promql::SubqueryMemo* memo = nullptr);

class Rule {
public:
    // `labels` in file order; an empty value removes that label from the output, as in Prometheus.
    Rule(std::string name, SourcePos pos, std::string expr_text, promql::ExprPtr expr,
         std::vector<tsdb::Label> labels);
    virtual ~Rule();
    Rule(const Rule&) = delete;
    Rule& operator=(const Rule&) = delete;

    // The same rule as loaded, without any evaluation state (no last error, no alerts); it
    // shares this rule's expression, which evaluation never changes. One loaded rule set can so
    // serve many runs.
    virtual std::unique_ptr<Rule> clone() const = 0;

    const std::string& name() const { return name_; }  // `record` or `alert`
    SourcePos pos() const { return pos_; }             // of the rule in its file
    const std::string& expr_text() const { return expr_text_; }
    const promql::Expr& expr() const { return *expr_; }
    const std::vector<tsdb::Label>& labels() const { return labels_; }

    // The alerting side of this rule: itself for an alerting rule, nullptr for a recording rule.
    virtual AlertingRule* as_alerting() { return nullptr; }
    virtual const AlertingRule* as_alerting() const { return nullptr; }

    // The error of the latest evaluation, worded as Prometheus words it; nullopt after a success.
    const std::optional<std::string>& last_error() const { return last_error_; }

    // Evaluates the rule at `ts`, its query at `ts - query_offset`, and returns the samples to
    // write (stamped `ts - query_offset`, __name__ set). `limit` > 0 caps the number of series or
    // alerts. On failure returns nullopt and sets last_error().
    std::optional<promql::Vector> eval(Time ts, Duration query_offset, const tsdb::Storage& storage,
                                       const RuleContext& ctx, int limit = 0);

protected:
    // What clone() keeps: the definition, not the state.
    struct Definition {};
    Rule(const Rule& other, Definition);

    // Runs the expression at `at`; throws promql::EvalError.
    promql::Vector query(Time at, const tsdb::Storage& storage, const RuleContext& ctx);
    // The rule-specific part of eval(); throws RuleError (or promql::EvalError) on failure.
    virtual promql::Vector evaluate(Time ts, Duration query_offset, const tsdb::Storage& storage,
                                    const RuleContext& ctx, int limit) = 0;

private:
    std::string name_;
    SourcePos pos_;
    std::string expr_text_;
    std::shared_ptr<const promql::Expr> expr_;
    // What evaluation runs: expr_ printed and parsed again, as 2.42's rule manager queries
    // `vector.String()` (rules/alerting.go, rules/recording.go). Printing sorts each selector's
    // matchers, which absent() can see; expr_ keeps the positions of the text as written.
    std::shared_ptr<const promql::Expr> query_;
    std::vector<tsdb::Label> labels_;
    std::optional<std::string> last_error_;
    promql::SubqueryMemo memo_;  // subquery steps shared by this rule's successive evaluations
};

// A failed rule evaluation (duplicate label sets, limit exceeded, non-vector result).
class RuleError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace sim::alerting
