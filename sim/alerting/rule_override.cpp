#include "sim/alerting/rule_override.hpp"

#include <algorithm>
#include <memory>

#include "sim/alerting/alerting_rule.hpp"
#include "sim/alerting/recording_rule.hpp"
#include "sim/promql/parser.hpp"

namespace sim::alerting {

namespace {

constexpr const char* kFor = "for";
constexpr const char* kKeepFiringFor = "keep_firing_for";
constexpr const char* kThreshold = "threshold";

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

const promql::Expr& unparenthesised(const promql::Expr& e) {
    const promql::Expr* inner = &e;
    while (inner->kind == promql::ExprKind::Paren) inner = static_cast<const promql::ParenExpr*>(inner)->expr.get();
    return *inner;
}

// The number side of a top-level comparison (`expr > 0.05`, `(0.9 <= expr)`); nullptr when the
// top level is anything else or both sides are numbers, so "the threshold" would be ambiguous.
const promql::NumberLiteral* threshold_literal(const promql::Expr& root) {
    const promql::Expr& top = unparenthesised(root);
    if (top.kind != promql::ExprKind::Binary) return nullptr;
    const auto& comparison = static_cast<const promql::BinaryExpr&>(top);
    if (!promql::is_comparison(comparison.op)) return nullptr;
    const promql::Expr& lhs = unparenthesised(*comparison.lhs);
    const promql::Expr& rhs = unparenthesised(*comparison.rhs);
    const bool lhs_number = lhs.kind == promql::ExprKind::Number;
    if (lhs_number == (rhs.kind == promql::ExprKind::Number)) return nullptr;
    return static_cast<const promql::NumberLiteral*>(lhs_number ? &lhs : &rhs);
}

// What an override may change of a rule; everything else is carried over as loaded.
struct RuleParts {
    std::string expr_text;
    Duration hold, keep_firing_for;
};

std::vector<TemplatedField> compiled(const std::vector<tsdb::Label>& fields) {
    std::vector<TemplatedField> out;
    for (const auto& f : fields) out.push_back({f.name, Template(f.value)});
    return out;
}

std::unique_ptr<Rule> rebuilt(const Rule& rule, const RuleParts& parts) {
    promql::ExprPtr expr = promql::parse(parts.expr_text);
    const AlertingRule* alerting = rule.as_alerting();
    if (!alerting)
        return std::make_unique<RecordingRule>(rule.name(), rule.pos(), parts.expr_text, std::move(expr), rule.labels());
    std::vector<tsdb::Label> annotations;
    for (const auto& a : alerting->annotations()) annotations.push_back({a.name, a.value.text()});
    AlertingRuleSpec spec{parts.hold, parts.keep_firing_for, compiled(annotations)};
    return std::make_unique<AlertingRule>(rule.name(), rule.pos(), parts.expr_text, std::move(expr),
                                          compiled(rule.labels()), std::move(spec));
}

// One override's key and value, checked before any rule is touched.
class Change {
public:
    Change(const std::string& rule, const std::string& field, const std::string& value)
        : key_("rule." + rule + "." + field), field_(field), value_(value) {
        const auto& fields = overridable_rule_fields();
        if (std::find(fields.begin(), fields.end(), field) == fields.end())
            throw InputError("", {}, key_ + ": unknown rule field \"" + field + "\"; valid: " + join(fields));
        if (field == kThreshold) {
            if (!is_number(value)) throw InputError("", {}, key_ + ": \"" + value + "\" is not a number");
        } else if (const auto d = parse_duration(value)) {
            duration_ = *d;
        } else {
            throw InputError("", {}, key_ + ": \"" + value + "\" is not a duration (like 30s, 5m, 1h30m)");
        }
    }

    const std::string& key() const { return key_; }

    std::unique_ptr<Rule> apply(const Rule& rule, const std::string& file) const {
        const auto fail = [&](const std::string& message) { throw InputError(file, rule.pos(), key_ + ": " + message); };
        const AlertingRule* alerting = rule.as_alerting();
        RuleParts parts{rule.expr_text(), alerting ? alerting->hold() : Duration(),
                        alerting ? alerting->keep_firing_for() : Duration()};
        if (field_ == kThreshold) {
            const promql::NumberLiteral* literal = threshold_literal(rule.expr());
            if (!literal)
                fail("the expression is not one comparison with a number side (like `expr > 0.05`): " + rule.expr_text());
            // Spliced into the text as written, so the rest of the expression keeps its formatting.
            parts.expr_text.replace(literal->pos.start, literal->pos.end - literal->pos.start, value_);
        } else if (!alerting) {
            fail("a recording rule has no " + field_ + "; only " + kThreshold + " applies");
        } else if (field_ == kFor) {
            parts.hold = duration_;
        } else {
            parts.keep_firing_for = duration_;
        }
        return rebuilt(rule, parts);
    }

private:
    static bool is_number(const std::string& text) {
        try {
            return promql::parse(text)->kind == promql::ExprKind::Number;
        } catch (const promql::ParseError&) {
            return false;
        }
    }

    std::string key_, field_, value_;
    Duration duration_;
};

}  // namespace

const std::vector<std::string>& overridable_rule_fields() {
    static const std::vector<std::string> fields{kFor, kKeepFiringFor, kThreshold};
    return fields;
}

void override_rule(RuleSet& rules, const std::string& rule, const std::string& field, const std::string& value) {
    const Change change(rule, field, value);
    bool found = false;
    std::vector<std::string> names;
    for (auto& group : rules.groups)
        for (auto& r : group.rules()) {
            names.push_back(r->name());
            if (r->name() != rule) continue;
            r = change.apply(*r, group.file());
            found = true;
        }
    if (!found) {
        const std::string file = rules.groups.empty() ? "" : rules.groups.front().file();
        throw InputError(file, {}, change.key() + ": no rule named \"" + rule + "\"; rules: " + join(names));
    }
}

}  // namespace sim::alerting
