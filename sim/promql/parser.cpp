// A recursive-descent rendering of Prometheus 2.42's yacc grammar (promql/parser/generated_parser.y):
// the same precedences, the same places where a keyword may serve as a name, and the same
// messages. The first error ends the parse, as it is the only one Prometheus reports.
#include "sim/promql/parser.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>

#include "sim/promql/lexer.hpp"
#include "sim/promql/type_check.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::promql {

namespace {

[[noreturn]] void fail(PosRange pos, const std::string& message) { throw ParseError(pos, message); }

std::optional<BinOp> binary_op(TokenKind k) {
    switch (k) {
        case TokenKind::Add: return BinOp::Add;
        case TokenKind::Sub: return BinOp::Sub;
        case TokenKind::Mul: return BinOp::Mul;
        case TokenKind::Div: return BinOp::Div;
        case TokenKind::Mod: return BinOp::Mod;
        case TokenKind::Pow: return BinOp::Pow;
        case TokenKind::Atan2: return BinOp::Atan2;
        case TokenKind::Eqlc: return BinOp::Eql;
        case TokenKind::Neq: return BinOp::Neq;
        case TokenKind::Gtr: return BinOp::Gtr;
        case TokenKind::Lss: return BinOp::Lss;
        case TokenKind::Gte: return BinOp::Gte;
        case TokenKind::Lte: return BinOp::Lte;
        case TokenKind::And: return BinOp::And;
        case TokenKind::Or: return BinOp::Or;
        case TokenKind::Unless: return BinOp::Unless;
        default: return std::nullopt;
    }
}

constexpr int kPowPrecedence = 6;

// Lowest to highest: or; and unless; comparisons; + -; * / % atan2; ^.
int precedence(BinOp op) {
    switch (op) {
        case BinOp::Or: return 1;
        case BinOp::And:
        case BinOp::Unless: return 2;
        case BinOp::Eql:
        case BinOp::Neq:
        case BinOp::Gtr:
        case BinOp::Lss:
        case BinOp::Gte:
        case BinOp::Lte: return 3;
        case BinOp::Add:
        case BinOp::Sub: return 4;
        case BinOp::Mul:
        case BinOp::Div:
        case BinOp::Mod:
        case BinOp::Atan2: return 5;
        case BinOp::Pow: return kPowPrecedence;
    }
    return 0;
}

bool takes_parameter(AggOp op) {
    return op == AggOp::Topk || op == AggOp::Bottomk || op == AggOp::Quantile || op == AggOp::CountValues;
}

// Keywords Prometheus accepts as a metric name (its `metric_identifier` rule).
bool is_metric_identifier(TokenKind k) {
    switch (k) {
        case TokenKind::Identifier:
        case TokenKind::MetricIdentifier:
        case TokenKind::Aggregator:
        case TokenKind::By:
        case TokenKind::Without:
        case TokenKind::And:
        case TokenKind::Or:
        case TokenKind::Unless:
        case TokenKind::Offset:
        case TokenKind::Start:
        case TokenKind::End: return true;
        default: return false;
    }
}

bool can_start_expression(TokenKind k) {
    switch (k) {
        case TokenKind::Number:
        case TokenKind::String:
        case TokenKind::LeftParen:
        case TokenKind::LeftBrace:
        case TokenKind::Add:
        case TokenKind::Sub: return true;
        default: return is_metric_identifier(k);
    }
}

// Keywords Prometheus accepts as a label name in by/without/on/ignoring/group_x lists (`maybe_label`).
bool is_grouping_label(TokenKind k) {
    switch (k) {
        case TokenKind::Identifier:
        case TokenKind::Aggregator:
        case TokenKind::Bool:
        case TokenKind::By:
        case TokenKind::GroupLeft:
        case TokenKind::GroupRight:
        case TokenKind::Ignoring:
        case TokenKind::And:
        case TokenKind::Or:
        case TokenKind::Unless:
        case TokenKind::Offset:
        case TokenKind::On:
        case TokenKind::Start:
        case TokenKind::End:
        case TokenKind::Atan2: return true;
        default: return false;
    }
}

// strconv.ParseInt(s, 0, 64) for the unsigned forms the lexer lets through (decimal, 0x hex, 0 octal).
std::optional<double> parse_integer(std::string_view s) {
    int base = 10;
    if (s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s.remove_prefix(2);
    } else if (s.size() > 1 && s[0] == '0') {
        base = 8;
        s.remove_prefix(1);
    }
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return static_cast<double>(v);
}

// As Prometheus: an integer literal first, else strconv.ParseFloat (which accepts Inf and NaN).
double parse_number(const Token& t) {
    if (auto v = parse_integer(t.text)) return *v;
    const std::string text(t.text);
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    const std::string prefix = "error parsing number: strconv.ParseFloat: parsing " + tsdb::quote(text);
    if (end != text.data() + text.size()) fail(t.pos, prefix + ": invalid syntax");
    if (ec == std::errc::result_out_of_range) {
        v = std::strtod(text.c_str(), nullptr);  // Go rounds an underflow to zero, and only overflow fails
        if (std::isinf(v)) fail(t.pos, prefix + ": value out of range");
    }
    return v;
}

// Go's %f: C's for finite values, Go's own words for the rest.
std::string go_fixed(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char buf[400];  // enough for the longest fixed-notation double
    std::snprintf(buf, sizeof buf, "%f", v);
    return buf;
}

Duration parse_duration_token(const Token& t) {
    const auto d = parse_duration(t.text);
    if (!d) fail(t.pos, "not a valid duration string: " + tsdb::quote(t.text));
    if (d->is_zero()) fail(t.pos, "duration must be greater than 0");
    return *d;
}

// RE2 words its errors differently from Go's regexp package, whose words Prometheus reports.
std::string go_regexp_error(const std::string& re2_error) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kCodes{{
        {"missing )", "missing closing )"},
        {"missing ]", "missing closing ]"},
        {"bad repetition operator", "invalid nested repetition operator"},
        {"invalid repetition size", "invalid repeat count"},
        {"invalid named capture group", "invalid named capture"},
        {"invalid perl operator", "invalid or unsupported Perl syntax"},
        {"no argument for repetition operator", "missing argument to repetition operator"},
        {"trailing \\", "trailing backslash at end of expression"},
        {"invalid character class range", "invalid character class range"},
        {"invalid character class", "invalid character class"},
        {"invalid escape sequence", "invalid escape sequence"},
        {"unexpected )", "unexpected )"},
        {"invalid UTF-8", "invalid UTF-8"},
    }};
    const auto colon = re2_error.find(": ");
    const std::string_view code = std::string_view(re2_error).substr(0, colon);
    if (colon == std::string::npos) return "error parsing regexp: " + re2_error;
    for (const auto& [re2, go] : kCodes)
        if (code == re2) return "error parsing regexp: " + std::string(go) + ": `" + re2_error.substr(colon + 2) + "`";
    return "error parsing regexp: " + re2_error;
}

// Where the `offset` and `@` written after a node go: its own fields for a selector or subquery,
// the inner selector's for a range (`x[5m] offset 1m`); both null for any other node.
struct Modifiers {
    Duration* offset = nullptr;
    AtModifier* at = nullptr;
};

Modifiers modifiers_of(Expr& e) {
    switch (e.kind) {
        case ExprKind::VectorSelector: {
            auto& vs = static_cast<VectorSelector&>(e);
            return {&vs.offset, &vs.at};
        }
        case ExprKind::MatrixSelector: return modifiers_of(*static_cast<MatrixSelector&>(e).selector);
        case ExprKind::Subquery: {
            auto& sq = static_cast<SubqueryExpr&>(e);
            return {&sq.offset, &sq.at};
        }
        default: return {};
    }
}

class Parser {
public:
    explicit Parser(std::string_view input) : input_(input), lexer_(input), current_(lexer_.next()) {}

    ExprPtr expression() {
        if (at(TokenKind::Eof)) fail({0, 0}, "no expression found in input");
        ExprPtr e = parse_expr(0);
        if (!at(TokenKind::Eof)) unexpected();
        check_types(*e, input_);
        return e;
    }

    tsdb::Labels metric() {
        tsdb::Labels labels;
        std::optional<std::string> name;
        if (is_metric_identifier(peek().kind)) name = std::string(take().text);
        if (at(TokenKind::LeftBrace)) parse_label_set(labels);
        if (!at(TokenKind::Eof)) unexpected();
        if (name) labels.set(tsdb::kMetricName, *name);
        return labels;
    }

private:
    // A lexing error surfaces only when the parser looks at it, so errors found earlier win.
    const Token& peek() const {
        if (current_.kind == TokenKind::Error) fail(current_.pos, current_.message);
        return current_;
    }
    bool at(TokenKind k) const { return peek().kind == k; }
    Token take() {
        Token t = peek();
        current_ = lexer_.next();
        return t;
    }

    // Without a context of its own, a syntax error anywhere inside an aggregation is reported as
    // being in the aggregation: that is the innermost grammar rule where Prometheus recovers.
    [[noreturn]] void unexpected(std::string_view context = {}, std::string_view expected = {}) const {
        std::string message = "unexpected " + describe(peek());
        if (context.empty() && aggregation_depth_ > 0) context = "aggregation";
        if (!context.empty()) message += " in " + std::string(context);
        if (!expected.empty()) message += ", expected " + std::string(expected);
        fail(peek().pos, message);
    }

    ExprPtr parse_expr(int min_precedence) {
        const NestingGuard guard(*this);
        ExprPtr lhs = parse_unary();
        for (int chain = 1;; ++chain) {
            const auto op = binary_op(peek().kind);
            if (!op || precedence(*op) < min_precedence) return lhs;
            if (nesting_ + chain > kMaxNesting) fail(peek().pos, kTooDeep);
            take();
            auto b = std::make_unique<BinaryExpr>();
            b->op = *op;
            parse_bin_modifiers(*b);
            // `^` is right-associative, everything else left-associative.
            b->rhs = parse_expr(*op == BinOp::Pow ? precedence(*op) : precedence(*op) + 1);
            b->pos = {lhs->pos.start, b->rhs->pos.end};
            b->lhs = std::move(lhs);
            lhs = std::move(b);
        }
    }

    // A unary sign binds like `*`: tighter than + but looser than ^, so `-2^2` is -(2^2).
    ExprPtr parse_unary() {
        if (!at(TokenKind::Add) && !at(TokenKind::Sub)) return parse_postfix(parse_primary());
        const Token sign = take();
        ExprPtr operand = parse_expr(kPowPrecedence);
        if (operand->kind == ExprKind::Number) {  // Prometheus folds the sign into a literal
            auto& n = static_cast<NumberLiteral&>(*operand);
            if (sign.kind == TokenKind::Sub) n.value = -n.value;
            n.pos.start = sign.pos.start;
            return operand;
        }
        auto u = std::make_unique<UnaryExpr>();
        u->op = sign.text[0];
        u->pos = {sign.pos.start, operand->pos.end};
        u->expr = std::move(operand);
        return u;
    }

    ExprPtr parse_primary() {
        switch (peek().kind) {
            case TokenKind::Number: {
                const Token t = take();
                auto n = std::make_unique<NumberLiteral>();
                n->value = parse_number(t);
                n->pos = t.pos;
                return n;
            }
            case TokenKind::String: {
                const Token t = take();
                auto s = std::make_unique<StringLiteral>();
                s->value = unquote(t.text);
                s->pos = t.pos;
                return s;
            }
            case TokenKind::LeftParen: {
                const Token open = take();
                auto p = std::make_unique<ParenExpr>();
                p->expr = parse_expr(0);
                if (!at(TokenKind::RightParen)) unexpected();
                p->pos = {open.pos.start, take().pos.end};
                return p;
            }
            case TokenKind::LeftBrace: return parse_selector(nullptr);
            case TokenKind::Identifier: {
                const Token name = take();
                return at(TokenKind::LeftParen) ? parse_call(name) : parse_selector(&name);
            }
            case TokenKind::Aggregator: {
                // `sum` is an aggregation only when `(`, `by` or `without` follows; else a metric name.
                const Token op = take();
                if (at(TokenKind::LeftParen) || at(TokenKind::By) || at(TokenKind::Without)) return parse_aggregate(op);
                return parse_selector(&op);
            }
            default:
                if (is_metric_identifier(peek().kind)) {
                    const Token name = take();
                    return parse_selector(&name);
                }
                unexpected();
        }
    }

    // Offsets and ranges bind tighter than any operator.
    ExprPtr parse_postfix(ExprPtr e) {
        for (;;) {
            if (at(TokenKind::Offset)) {
                parse_offset(*e);
            } else if (at(TokenKind::LeftBracket)) {
                e = parse_range(std::move(e));
            } else if (at(TokenKind::At)) {
                parse_at(*e);
            } else {
                return e;
            }
        }
    }

    void parse_offset(Expr& e) {
        take();
        const bool negative = at(TokenKind::Sub);
        if (negative) take();
        if (!at(TokenKind::Duration)) unexpected("offset", "duration");
        const Token t = take();
        const Duration d = parse_duration_token(t);
        Duration* target = modifiers_of(e).offset;
        if (!target)
            fail(e.pos, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        if (!target->is_zero()) fail(e.pos, "offset may not be set multiple times");
        *target = negative ? -d : d;
        e.pos.end = t.pos.end;
    }

    // `@ <timestamp>` (an optionally signed number of Unix seconds), `@ start()` or `@ end()`.
    void parse_at(Expr& e) {
        take();
        AtModifier pin;
        int end = 0;
        if (at(TokenKind::Start) || at(TokenKind::End)) {
            pin.kind = take().kind == TokenKind::Start ? AtModifier::Kind::Start : AtModifier::Kind::End;
            if (!at(TokenKind::LeftParen)) unexpected("@", "timestamp");
            take();
            if (!at(TokenKind::RightParen)) unexpected("@", "timestamp");
            end = take().pos.end;
        } else {
            const bool negative = at(TokenKind::Sub);
            if (negative || at(TokenKind::Add)) take();
            if (!at(TokenKind::Number)) unexpected("@", "timestamp");
            const Token t = take();
            const double seconds = negative ? -parse_number(t) : parse_number(t);
            end = t.pos.end;
            pin.kind = AtModifier::Kind::Timestamp;
            pin.unix_ms = at_milliseconds(e, seconds);
        }
        AtModifier* target = modifiers_of(e).at;
        if (!target)
            fail(e.pos, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        if (target->is_set()) fail(e.pos, "@ <timestamp> may not be set multiple times");
        *target = pin;
        e.pos.end = end;
    }

    // Prometheus bounds the seconds by int64 and stores round(seconds * 1000). We also clamp the
    // milliseconds to +-2^62 so that window arithmetic cannot overflow: no sample lies that far
    // out, and beyond ~292 years from the evaluation time Prometheus' own nanosecond offsets wrap.
    static std::int64_t at_milliseconds(const Expr& e, double seconds) {
        constexpr double kInt64Bound = 9223372036854775807.0;  // rounds to 2^63, as Go's float64(math.MaxInt64)
        if (!std::isfinite(seconds) || seconds >= kInt64Bound || seconds <= -kInt64Bound)
            fail(e.pos, "timestamp out of bounds for @ modifier: " + go_fixed(seconds));
        constexpr double kSafeBound = 4611686018427387904.0;  // 2^62
        return static_cast<std::int64_t>(std::clamp(std::round(seconds * 1000), -kSafeBound, kSafeBound));
    }

    // `x[5m]` (a range) or `expr[30m:1m]` / `expr[30m:]` (a subquery).
    ExprPtr parse_range(ExprPtr e) {
        const Token open = take();
        if (!at(TokenKind::Duration)) unexpected("subquery selector", "duration");
        const Duration range = parse_duration_token(take());
        if (at(TokenKind::RightBracket)) {
            const Token close = take();
            const PosRange brackets{open.pos.start, close.pos.end};
            if (e->kind != ExprKind::VectorSelector) fail(brackets, "ranges only allowed for vector selectors");
            const auto& vs = static_cast<const VectorSelector&>(*e);
            if (!vs.offset.is_zero()) fail(brackets, "no offset modifiers allowed before range");
            // Only a timestamp is refused here: 2.42 lets `x @ start() [5m]` through as `x[5m] @ start()`.
            if (vs.at.kind == AtModifier::Kind::Timestamp) fail(brackets, "no @ modifiers allowed before range");
            auto m = std::make_unique<MatrixSelector>();
            m->pos = {e->pos.start, close.pos.end};
            m->range = range;
            m->selector = std::move(e);
            return m;
        }
        if (!at(TokenKind::Colon)) unexpected("subquery or range", "\":\" or \"]\"");
        take();
        auto s = std::make_unique<SubqueryExpr>();
        s->range = range;
        if (at(TokenKind::Duration)) {
            s->step = parse_duration_token(take());
            if (!at(TokenKind::RightBracket)) unexpected("subquery selector", "\"]\"");
        } else if (!at(TokenKind::RightBracket)) {
            unexpected("subquery selector", "duration or \"]\"");
        }
        s->pos = {e->pos.start, take().pos.end};
        s->expr = std::move(e);
        return s;
    }

    // [bool] [on|ignoring (labels) [group_left|group_right [(labels)]]]
    void parse_bin_modifiers(BinaryExpr& b) {
        if (at(TokenKind::Bool)) {
            take();
            b.return_bool = true;
        }
        VectorMatching& m = b.matching.emplace();
        if (!at(TokenKind::On) && !at(TokenKind::Ignoring)) return;
        m.on = take().kind == TokenKind::On;
        m.explicit_grouping = true;
        m.matching_labels = parse_grouping_labels().labels;
        if (!at(TokenKind::GroupLeft) && !at(TokenKind::GroupRight)) return;
        m.card = take().kind == TokenKind::GroupLeft ? Cardinality::ManyToOne : Cardinality::OneToMany;
        // A `(` right after group_x is always its label list, never the right-hand operand, and
        // what can be neither is reported as a missing label list.
        if (at(TokenKind::LeftParen) || !can_start_expression(peek().kind)) m.include = parse_grouping_labels().labels;
    }

    struct LabelList {
        std::vector<std::string> labels;
        int end = 0;  // just after the `)`
    };

    LabelList parse_grouping_labels() {
        if (!at(TokenKind::LeftParen)) unexpected("grouping opts", "\"(\"");
        take();
        LabelList list;
        while (!at(TokenKind::RightParen)) {
            if (!is_grouping_label(peek().kind)) unexpected("grouping opts", "label");
            list.labels.emplace_back(take().text);
            if (at(TokenKind::Comma)) {
                take();
            } else if (!at(TokenKind::RightParen)) {
                unexpected("grouping opts", "\",\" or \")\"");
            }
        }
        list.end = take().pos.end;
        return list;
    }

    ExprPtr parse_aggregate(const Token& op) {
        ++aggregation_depth_;
        auto a = std::make_unique<AggregateExpr>();
        a->op = aggregation(op);
        const bool modifier_first = at(TokenKind::By) || at(TokenKind::Without);
        if (modifier_first) parse_aggregate_modifier(*a);
        if (!at(TokenKind::LeftParen)) unexpected("aggregation");
        int end = 0;
        std::vector<ExprPtr> args = parse_call_args(end);
        if (!modifier_first && (at(TokenKind::By) || at(TokenKind::Without))) end = parse_aggregate_modifier(*a);
        --aggregation_depth_;
        a->pos = {op.pos.start, end};
        if (args.empty()) fail(a->pos, "no arguments for aggregate expression provided");
        const std::size_t wanted = takes_parameter(a->op) ? 2 : 1;
        if (args.size() != wanted)
            fail(a->pos, "wrong number of arguments for aggregate expression provided, expected " + std::to_string(wanted) +
                             ", got " + std::to_string(args.size()));
        if (wanted == 2) a->param = std::move(args.front());
        a->expr = std::move(args.back());
        return a;
    }

    int parse_aggregate_modifier(AggregateExpr& a) {
        a.without = take().kind == TokenKind::Without;
        a.explicit_grouping = true;
        LabelList list = parse_grouping_labels();
        a.grouping = std::move(list.labels);
        return list.end;
    }

    ExprPtr parse_call(const Token& name) {
        auto c = std::make_unique<Call>();
        int end = 0;
        c->args = parse_call_args(end);
        c->pos = {name.pos.start, end};
        c->func = lookup_function(name.text);
        if (!c->func) fail(name.pos, "unknown function with name " + tsdb::quote(name.text));
        return c;
    }

    std::vector<ExprPtr> parse_call_args(int& end) {
        take();  // (
        std::vector<ExprPtr> args;
        while (!at(TokenKind::RightParen)) {
            args.push_back(parse_expr(0));
            if (at(TokenKind::Comma)) {
                const Token comma = take();
                if (!can_start_expression(peek().kind)) fail(comma.pos, "trailing commas not allowed in function call args");
            } else if (!at(TokenKind::RightParen)) {
                unexpected();
            }
        }
        end = take().pos.end;
        return args;
    }

    // `name`, `name{...}` or `{...}`; the name becomes a trailing `__name__` matcher, as in Prometheus.
    ExprPtr parse_selector(const Token* name) {
        auto s = std::make_unique<VectorSelector>();
        s->pos = name ? name->pos : peek().pos;
        if (name) s->name = std::string(name->text);
        if (at(TokenKind::LeftBrace)) s->pos.end = parse_label_matchers(s->matchers);
        if (name) s->matchers.emplace_back(std::string(tsdb::kMetricName), tsdb::MatchOp::Equal, s->name);
        return s;
    }

    int parse_label_matchers(std::vector<tsdb::Matcher>& out) {
        take();  // {
        while (!at(TokenKind::RightBrace)) {
            if (!at(TokenKind::Identifier)) unexpected("label matching", "identifier or \"}\"");
            const Token label = take();
            std::optional<tsdb::MatchOp> op;
            switch (peek().kind) {
                case TokenKind::Assign: op = tsdb::MatchOp::Equal; break;
                case TokenKind::Neq: op = tsdb::MatchOp::NotEqual; break;
                case TokenKind::EqlRegex: op = tsdb::MatchOp::Regex; break;
                case TokenKind::NeqRegex: op = tsdb::MatchOp::NotRegex; break;
                default: unexpected("label matching", "label matching operator");
            }
            take();
            if (!at(TokenKind::String)) unexpected("label matching", "string");
            const Token value = take();
            try {
                out.emplace_back(std::string(label.text), *op, unquote(value.text));
            } catch (const std::invalid_argument& e) {
                fail({label.pos.start, value.pos.end}, go_regexp_error(e.what()));
            }
            if (at(TokenKind::Comma)) {
                take();
            } else if (!at(TokenKind::RightBrace)) {
                unexpected("label matching", "\",\" or \"}\"");
            }
        }
        return take().pos.end;
    }

    void parse_label_set(tsdb::Labels& labels) {
        take();  // {
        while (!at(TokenKind::RightBrace)) {
            if (!at(TokenKind::Identifier)) unexpected("label set", "identifier or \"}\"");
            const Token name = take();
            if (!at(TokenKind::Assign)) unexpected("label set", "\"=\"");
            take();
            if (!at(TokenKind::String)) unexpected("label set", "string");
            labels.set(name.text, unquote(take().text));
            if (at(TokenKind::Comma)) {
                take();
            } else if (!at(TokenKind::RightBrace)) {
                unexpected("label set", "\",\" or \"}\"");
            }
        }
        take();
    }

    // Trees are walked recursively (type check, printing, evaluation), so their height is bounded
    // to keep hostile input from exhausting the stack. Real rules stay far below the bound.
    static constexpr int kMaxNesting = 1000;
    static constexpr const char* kTooDeep = "expression nested too deeply";

    struct NestingGuard {
        explicit NestingGuard(Parser& p) : parser(p) {
            if (++parser.nesting_ > kMaxNesting) fail(parser.peek().pos, kTooDeep);
        }
        ~NestingGuard() { --parser.nesting_; }
        NestingGuard(const NestingGuard&) = delete;
        NestingGuard& operator=(const NestingGuard&) = delete;
        Parser& parser;
    };

    std::string_view input_;
    Lexer lexer_;
    Token current_;
    int aggregation_depth_ = 0;  // how many aggregations enclose the token being parsed
    int nesting_ = 0;            // how many parse_expr calls enclose the token being parsed
};

}  // namespace

ExprPtr parse(std::string_view text) { return Parser(text).expression(); }

tsdb::Labels parse_metric(std::string_view text) { return Parser(text).metric(); }

LineCol line_col(std::string_view text, int offset) {
    const std::size_t end = std::min(text.size(), static_cast<std::size_t>(std::max(offset, 0)));
    LineCol lc;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++lc.line;
            line_start = i + 1;
        }
    }
    lc.column = static_cast<int>(end - line_start) + 1;
    return lc;
}

}  // namespace sim::promql
