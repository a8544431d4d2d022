#include "sim/alerting/rule.hpp"

#include "sim/promql/parser.hpp"

namespace sim::alerting {

Rule::Rule(std::string name, SourcePos pos, std::string expr_text, promql::ExprPtr expr, std::vector<tsdb::Label> labels)
    : name_(std::move(name)),
      pos_(pos),
      expr_text_(std::move(expr_text)),
      expr_(std::move(expr)),
      query_(promql::parse(promql::to_string(*expr_))),
      labels_(std::move(labels)) {}

Rule::Rule(const Rule& other, Definition)
    : name_(other.name_), pos_(other.pos_), expr_text_(other.expr_text_), expr_(other.expr_), query_(other.query_),
      labels_(other.labels_) {}

Rule::~Rule() = default;

std::optional<promql::Vector> Rule::eval(Time ts, Duration query_offset, const tsdb::Storage& storage,
                                         const RuleContext& ctx, int limit) {
    try {
        auto out = evaluate(ts, query_offset, storage, ctx, limit);
        last_error_.reset();
        return out;
    } catch (const promql::EvalError& e) {
        last_error_ = e.what();
    } catch (const RuleError& e) {
        last_error_ = e.what();
    }
    return std::nullopt;
}

promql::Vector Rule::query(Time at, const tsdb::Storage& storage, const RuleContext& ctx) {
    return instant_query(*query_, at, storage, ctx, &memo_);
}

promql::Vector instant_query(const promql::Expr& expr, Time at, const tsdb::Storage& storage, const RuleContext& ctx,
                             promql::SubqueryMemo* memo) {
    promql::Value v = promql::evaluate(expr, storage, at, ctx.engine, memo);
    if (auto* vec = std::get_if<promql::Vector>(&v)) return std::move(*vec);
    // Prometheus' rule query function turns a scalar into a one-element vector without labels.
    if (const auto* s = std::get_if<promql::Scalar>(&v)) return {promql::VectorSample{{}, s->v, at}};
    throw RuleError("rule result is not a vector or scalar");
}

}  // namespace sim::alerting
