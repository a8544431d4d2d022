// Expressions back to text, formatted as Prometheus' String() methods do (promql/parser/printer.go).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "sim/promql/parser.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::promql {

namespace {

// Go's strconv.FormatFloat(v, 'f', -1, 64): the shortest digits that read back as the same double.
std::string format_number(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char buf[400];  // enough for the longest fixed-notation double
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    return std::string(buf, end);
}

std::string format_offset(Duration offset) {
    if (offset.is_zero()) return {};
    if (offset < Duration()) return " offset -" + format_duration(-offset);
    return " offset " + format_duration(offset);
}

// 2.42 prints `@` before `offset`, a timestamp as seconds with exactly three decimals.
std::string format_at(const AtModifier& at) {
    switch (at.kind) {
        case AtModifier::Kind::None: return {};
        case AtModifier::Kind::Start: return " @ start()";
        case AtModifier::Kind::End: return " @ end()";
        case AtModifier::Kind::Timestamp: break;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, " @ %.3f", static_cast<double>(at.unix_ms) / 1000.0);
    return buf;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += separator;
        out += items[i];
    }
    return out;
}

std::string label_list(const std::vector<std::string>& labels) { return "(" + join(labels, ", ") + ")"; }

// The name outside the braces is not repeated as a matcher; the rest are sorted as text.
std::string selector_text(const VectorSelector& s) {
    std::vector<std::string> matchers;
    for (const auto& m : s.matchers) {
        if (!s.name.empty() && m.name() == tsdb::kMetricName && m.op() == tsdb::MatchOp::Equal && m.value() == s.name)
            continue;
        matchers.push_back(m.to_string());
    }
    std::sort(matchers.begin(), matchers.end());
    std::string out = s.name;
    if (!matchers.empty()) out += "{" + join(matchers, ",") + "}";
    return out;
}

// Prometheus leaves out an empty `ignoring ()`, but must keep it when a group modifier follows.
std::string matching_text(const VectorMatching& m) {
    const bool grouped = m.card == Cardinality::ManyToOne || m.card == Cardinality::OneToMany;
    std::string out;
    if (m.on || !m.matching_labels.empty() || grouped)
        out += std::string(m.on ? " on " : " ignoring ") + label_list(m.matching_labels);
    if (grouped) out += std::string(m.card == Cardinality::ManyToOne ? " group_left " : " group_right ") + label_list(m.include);
    return out;
}

std::string aggregate_text(const AggregateExpr& a) {
    std::string out(to_string(a.op));
    if (a.without)
        out += " without " + label_list(a.grouping) + " ";
    else if (!a.grouping.empty())
        out += " by " + label_list(a.grouping) + " ";
    out += "(";
    if (a.param) out += to_string(*a.param) + ", ";
    return out + to_string(*a.expr) + ")";
}

std::string call_text(const Call& c) {
    std::vector<std::string> args;
    for (const auto& arg : c.args) args.push_back(to_string(*arg));
    return std::string(c.func->name) + "(" + join(args, ", ") + ")";
}

}  // namespace

std::string to_string(const Expr& e) {
    switch (e.kind) {
        case ExprKind::Number: return format_number(static_cast<const NumberLiteral&>(e).value);
        case ExprKind::String: return tsdb::quote(static_cast<const StringLiteral&>(e).value);
        case ExprKind::VectorSelector: {
            const auto& s = static_cast<const VectorSelector&>(e);
            return selector_text(s) + format_at(s.at) + format_offset(s.offset);
        }
        case ExprKind::MatrixSelector: {
            const auto& m = static_cast<const MatrixSelector&>(e);
            const auto& s = static_cast<const VectorSelector&>(*m.selector);
            return selector_text(s) + "[" + format_duration(m.range) + "]" + format_at(s.at) + format_offset(s.offset);
        }
        case ExprKind::Subquery: {
            const auto& s = static_cast<const SubqueryExpr&>(e);
            const std::string step = s.step.is_zero() ? "" : format_duration(s.step);
            return to_string(*s.expr) + "[" + format_duration(s.range) + ":" + step + "]" + format_at(s.at) + format_offset(s.offset);
        }
        case ExprKind::Paren: return "(" + to_string(*static_cast<const ParenExpr&>(e).expr) + ")";
        case ExprKind::Unary: {
            const auto& u = static_cast<const UnaryExpr&>(e);
            return u.op + to_string(*u.expr);
        }
        case ExprKind::Binary: {
            const auto& b = static_cast<const BinaryExpr&>(e);
            std::string op(to_string(b.op));
            if (b.return_bool) op += " bool";
            if (b.matching) op += matching_text(*b.matching);
            return to_string(*b.lhs) + " " + op + " " + to_string(*b.rhs);
        }
        case ExprKind::Aggregate: return aggregate_text(static_cast<const AggregateExpr&>(e));
        case ExprKind::Call: return call_text(static_cast<const Call&>(e));
    }
    return {};
}

}  // namespace sim::promql
