#include "sim/alerting/template_exec.hpp"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace sim::alerting {

namespace {

using Node = Template::Node;

// Thrown through the walk by {{break}} and {{continue}}, caught by the enclosing range.
struct BreakLoop {};
struct ContinueLoop {};

class Executor {
public:
    Executor(std::string_view text, const std::string& name, const std::vector<Node>& definitions,
             const TemplateData& data)
        : text_(text), name_(name), executing_(name), definitions_(definitions), query_(data.query),
          root_{AlertFields{&data}} {
        vars_ = {{"$", root_},
                 {"$labels", {data.labels}},
                 {"$externalLabels", {data.external_labels}},
                 {"$externalURL", {data.external_url}},
                 {"$value", {data.value}}};
    }

    std::string run(const Node& root) {
        // Dot is root_, not vars_' copy of it: a declaration grows vars_ and would move dot away.
        walk(root_, root.list);
        return std::move(out_);
    }

private:
    using Final = std::optional<TemplateValue>;  // the value piped in from the previous command

    // ---- errors ---------------------------------------------------------------------------------

    // Records the node an error would be reported at, as Go's state.at does.
    void at(int pos, std::string context) {
        at_pos_ = pos;
        at_context_ = std::move(context);
    }

    [[noreturn]] void error(const std::string& message) const {
        const std::string_view before = text_.substr(0, static_cast<std::size_t>(at_pos_));
        const auto line = 1 + std::count(before.begin(), before.end(), '\n');
        const auto last_newline = before.rfind('\n');
        const auto column = last_newline == std::string_view::npos ? kAlertTemplatePrefix.size() + before.size()
                                                                   : before.size() - last_newline - 1;
        throw TemplateExecError("template: " + name_ + ":" + std::to_string(line) + ":" + std::to_string(column) +
                                ": executing " + tsdb::quote(executing_) + " at <" + at_context_ + ">: " + message);
    }

    // ---- variables --------------------------------------------------------------------------------

    TemplateValue& variable(const std::string& name) {
        for (auto it = vars_.rbegin(); it != vars_.rend(); ++it)
            if (it->first == name) return it->second;
        error("undefined variable: " + name);
    }

    // ---- the tree -------------------------------------------------------------------------------

    void walk(const TemplateValue& dot, const std::vector<Node>& list) {
        for (const auto& node : list) walk(dot, node);
    }

    void walk(const TemplateValue& dot, const Node& node) {
        switch (node.kind) {
            case Node::Kind::List: walk(dot, node.list); return;
            case Node::Kind::Text: out_ += node.text; return;
            case Node::Kind::Action: {
                const TemplateValue v = eval_pipeline(dot, node.pipe);
                if (node.pipe.declared.empty())
                    out_ += std::holds_alternative<GoNil>(v.v) ? "<no value>" : to_go_string(v);
                return;
            }
            case Node::Kind::If:
            case Node::Kind::With: {
                const NestingCount nested(*this);
                const auto scope = vars_.size();
                const TemplateValue v = eval_pipeline(dot, node.pipe);
                if (is_true(v)) walk(node.kind == Node::Kind::With ? v : dot, node.list);
                else walk(dot, node.else_list);
                vars_.resize(scope);
                return;
            }
            case Node::Kind::Range: walk_range(dot, node); return;
            case Node::Kind::Break: throw BreakLoop{};
            case Node::Kind::Continue: throw ContinueLoop{};
            case Node::Kind::Template: walk_template(dot, node); return;
        }
    }

    // Go's walkTemplate: the named template runs with dot set to the pipeline's value (nil
    // without one) and only `$` declared, as `$`.
    void walk_template(const TemplateValue& dot, const Node& call) {
        at(call.pos, call.template_call_text());
        const auto def = std::find_if(definitions_.begin(), definitions_.end(),
                                      [&](const Node& d) { return d.text == call.text; });
        if (def == definitions_.end()) error("template " + tsdb::quote(call.text) + " not defined");
        if (nesting_ >= kMaxNesting)
            error("exceeded maximum template depth (" + std::to_string(kGoMaxExecDepth) + ")");
        const TemplateValue callee_dot = call.pipe.commands.empty() ? TemplateValue{GoNil{}} : eval_pipeline(dot, call.pipe);
        auto caller_vars = std::exchange(vars_, {{"$", callee_dot}});
        auto caller = std::exchange(executing_, call.text);
        const NestingCount nested(*this);
        walk(callee_dot, def->list);
        executing_ = std::move(caller);
        vars_ = std::move(caller_vars);
    }

    // Maps range in key order; their keys and values are strings here.
    void walk_range(const TemplateValue& dot, const Node& node) {
        const NestingCount nested(*this);
        const auto scope = vars_.size();
        const TemplateValue v = eval_pipeline(dot, node.pipe);
        std::vector<std::pair<TemplateValue, TemplateValue>> entries;
        if (const auto* labels = std::get_if<tsdb::Labels>(&v.v)) {
            for (const auto& [name, value] : labels->items()) entries.push_back({{name}, {value}});
        } else if (const auto* args = std::get_if<ArgsMap>(&v.v)) {
            for (std::size_t i = 0; i < args->args.size(); ++i)
                entries.push_back({{"arg" + std::to_string(i)}, args->args[i]});
            std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
                return std::get<std::string>(a.first.v) < std::get<std::string>(b.first.v);
            });
        } else if (const auto* result = std::get_if<QueryResult>(&v.v)) {
            for (std::size_t i = 0; i < result->samples.size(); ++i)
                entries.push_back({{static_cast<long long>(i)}, {SampleRef{result->samples[i]}}});
        } else if (!std::holds_alternative<GoNil>(v.v)) {
            error("range can't iterate over " + to_go_string(v));
        }
        const auto body_scope = vars_.size();
        try {
            for (const auto& [key, elem] : entries) {
                if (!node.pipe.declared.empty()) vars_[body_scope - 1].second = elem;
                if (node.pipe.declared.size() > 1) vars_[body_scope - 2].second = key;
                try {
                    walk(elem, node.list);
                } catch (const ContinueLoop&) {
                }
                vars_.resize(body_scope);
            }
        } catch (const BreakLoop&) {
            vars_.resize(body_scope);
        }
        if (entries.empty()) walk(dot, node.else_list);
        vars_.resize(scope);
    }

    // ---- pipelines and commands -------------------------------------------------------------------

    TemplateValue eval_pipeline(const TemplateValue& dot, const Pipe& pipe) {
        at(pipe.pos, pipe.to_string());
        Final value;
        for (const auto& cmd : pipe.commands) value = eval_command(dot, cmd, value);
        for (const auto& name : pipe.declared) {
            if (pipe.is_assign) variable(name) = *value;
            else vars_.emplace_back(name, *value);
        }
        return *value;
    }

    void not_a_function(const std::vector<Operand>& args, const Final& final) {
        if (args.size() > 1 || final) error("can't give argument to non-function " + args.front().to_string());
    }

    TemplateValue eval_command(const TemplateValue& dot, const Command& cmd, const Final& final) {
        const Operand& first = cmd.args.front();
        switch (first.kind) {
            case Operand::Kind::Function: return eval_function(dot, first, cmd.pos, cmd.to_string(), cmd.args, final);
            case Operand::Kind::Field:
            case Operand::Kind::Variable: return eval_chain(dot, first, cmd.args, final);
            case Operand::Kind::Pipe:
                if (!first.fields.empty()) return eval_chain(dot, first, cmd.args, final);
                not_a_function(cmd.args, final);
                return eval_pipeline(dot, *first.pipe);
            case Operand::Kind::Nil: at(first.pos, first.to_string()); error("nil is not a command");
            case Operand::Kind::Dot:
            case Operand::Kind::Literal: break;
        }
        at(first.pos, first.to_string());
        not_a_function(cmd.args, final);
        return first.kind == Operand::Kind::Dot ? dot : first.literal;
    }

    // A field, a variable, or a parenthesized pipeline, with the `.a.b` that follows.
    TemplateValue eval_chain(const TemplateValue& dot, const Operand& op, const std::vector<Operand>& args,
                             const Final& final) {
        at(op.pos, op.to_string());
        TemplateValue receiver = dot;
        if (op.kind == Operand::Kind::Variable) receiver = variable(op.text);
        // As in Go, errors in the fields that follow a pipeline are reported at its last node.
        if (op.kind == Operand::Kind::Pipe) receiver = eval_pipeline(dot, *op.pipe);
        if (op.fields.empty()) {
            not_a_function(args, final);
            return receiver;
        }
        const bool has_args = args.size() > 1 || final;
        for (std::size_t i = 0; i < op.fields.size(); ++i)
            receiver = field(receiver, op.fields[i], has_args && i + 1 == op.fields.size());
        return receiver;
    }

    TemplateValue field(const TemplateValue& receiver, const std::string& name, bool has_args) {
        if (std::holds_alternative<GoNil>(receiver.v)) return receiver;  // Go's zero Value
        if (const auto* data = std::get_if<AlertFields>(&receiver.v)) {
            std::optional<TemplateValue> value;
            if (name == "Labels") value = {data->data->labels};
            if (name == "ExternalLabels") value = {data->data->external_labels};
            if (name == "ExternalURL") value = {data->data->external_url};
            if (name == "Value") value = {data->data->value};
            if (value && has_args) error(name + " has arguments but cannot be invoked as function");
            if (value) return *value;
        }
        if (const auto* ref = std::get_if<SampleRef>(&receiver.v)) {
            std::optional<TemplateValue> value;
            if (name == "Labels") value = {ref->sample->labels};
            if (name == "Value") value = {ref->sample->value};
            if (value && has_args) error(name + " has arguments but cannot be invoked as function");
            if (value) return *value;
        }
        const auto* labels = std::get_if<tsdb::Labels>(&receiver.v);
        const auto* args = std::get_if<ArgsMap>(&receiver.v);
        if ((labels || args) && has_args) error(name + " is not a method but has arguments");
        if (labels) return {std::string(labels->get(name))};  // missingkey=zero: "" for a missing label
        if (args) {
            for (std::size_t i = 0; i < args->args.size(); ++i)
                if (name == "arg" + std::to_string(i)) return args->args[i];
            return {GoNil{}};
        }
        error("can't evaluate field " + name + " in type " + go_type_name(receiver));
    }

    // ---- function calls -----------------------------------------------------------------------------

    // `call_pos`/`call_context` are the node a failing call is reported at: the command, or the
    // identifier when a function is an argument.
    TemplateValue eval_function(const TemplateValue& dot, const Operand& fn, int call_pos, const std::string& call_context,
                                const std::vector<Operand>& words, const Final& final) {
        at(fn.pos, fn.to_string());
        const TemplateFunction& f = *fn.function;
        const std::size_t given = words.size() - 1;
        const std::size_t count = given + (final ? 1 : 0);
        const std::size_t fixed = f.params.size() - (f.variadic ? 1 : 0);
        if (f.variadic ? count < fixed : count != f.params.size())
            error("wrong number of args for " + std::string(f.name) + ": want " + (f.variadic ? "at least " : "") +
                  std::to_string(fixed) + " got " + std::to_string(f.variadic ? given : count));
        auto param = [&](std::size_t i) { return i < fixed ? f.params[i] : f.params.back(); };

        if (f.short_circuit) {
            TemplateValue v;
            for (std::size_t i = 1; i < words.size(); ++i) {
                v = eval_arg(dot, ParamType::Any, words[i]);
                if (is_true(v) == (f.name == "or")) return v;
            }
            return final ? *final : v;
        }
        std::vector<TemplateValue> argv;
        for (std::size_t i = 1; i < words.size(); ++i) argv.push_back(eval_arg(dot, param(i - 1), words[i]));
        if (final) argv.push_back(validate(*final, param(count - 1)));
        try {
            return f.runs_query ? run_query(std::get<std::string>(argv[0].v)) : f.call(argv);
        } catch (const TemplateExecError&) {
            throw;
        } catch (const std::exception& e) {
            at(call_pos, call_context);
            error("error calling " + std::string(f.name) + ": " + e.what());
        }
    }

    // Prometheus' `query`: the samples as template values (labels keep __name__).
    TemplateValue run_query(const std::string& expr) const {
        if (!query_) throw std::runtime_error("no query backend for this template");
        QueryResult out;
        for (auto& s : (*query_)(expr)) out.samples.push_back(std::make_shared<const QuerySample>(std::move(s)));
        return {std::move(out)};
    }

    TemplateValue eval_arg(const TemplateValue& dot, ParamType type, const Operand& op) {
        at(op.pos, op.to_string());
        const std::string type_name(go_param_type_name(type));
        switch (op.kind) {
            case Operand::Kind::Dot: return validate(dot, type);
            case Operand::Kind::Nil:
                if (type == ParamType::String) error("cannot assign nil to " + type_name);
                return {GoNil{}};
            case Operand::Kind::Field:
            case Operand::Kind::Variable:
            case Operand::Kind::Pipe: return validate(eval_chain(dot, op, {op}, std::nullopt), type);
            case Operand::Kind::Function:
                return validate(eval_function(dot, op, op.pos, op.to_string(), {op}, std::nullopt), type);
            case Operand::Kind::Literal: break;
        }
        switch (type) {
            case ParamType::Any: return op.literal;
            case ParamType::String:
                if (!std::holds_alternative<std::string>(op.literal.v)) error("expected string; found " + op.text);
                return op.literal;
            default: error("can't handle " + op.text + " for arg of type " + type_name);
        }
    }

    // Go's validateType: whether a computed value may be passed as a parameter of `type`.
    TemplateValue validate(const TemplateValue& v, ParamType type) {
        const bool is_nil = std::holds_alternative<GoNil>(v.v);
        switch (type) {
            case ParamType::Any: return v;
            case ParamType::String:
                if (std::holds_alternative<std::string>(v.v)) return v;
                if (is_nil) error("invalid value; expected string");
                break;
            case ParamType::Sample:
                if (is_nil || std::holds_alternative<SampleRef>(v.v)) return v;  // nil: a nil pointer
                break;
            case ParamType::QueryResult:
                if (is_nil || std::holds_alternative<QueryResult>(v.v)) return v;  // nil: a nil slice
                break;
        }
        error("wrong type for value; expected " + std::string(go_param_type_name(type)) + "; got " + go_type_name(v));
    }

    // Go stops templates calling templates 100000 deep. Every call and every if/with/range body
    // here takes native stack, which a sanitized build's default 8 MiB cannot spare 100000 times;
    // so a call is refused once they nest kMaxNesting deep, with Go's error: a runaway recursion
    // gets Go's verdict and message either way. Past the last call, one template text nests at
    // most the parser's 1000 levels, so the stack never holds more than about 3000.
    static constexpr int kGoMaxExecDepth = 100000;
    static constexpr int kMaxNesting = 2000;

    // Counts an if/with/range body or a template call for as long as it runs.
    struct NestingCount {
        explicit NestingCount(Executor& e) : executor(e) { ++executor.nesting_; }
        ~NestingCount() { --executor.nesting_; }
        NestingCount(const NestingCount&) = delete;
        NestingCount& operator=(const NestingCount&) = delete;
        Executor& executor;
    };

    std::string_view text_;
    const std::string& name_;      // the text's template: where positions point
    std::string executing_;        // the template running now, defined or not
    const std::vector<Node>& definitions_;
    int nesting_ = 0;  // if/with/range bodies and template calls running now
    const TemplateQuery* query_;
    const TemplateValue root_;  // dot at the top
    std::vector<std::pair<std::string, TemplateValue>> vars_;
    std::string out_;
    int at_pos_ = 0;
    std::string at_context_;
};

}  // namespace

std::string execute_template(const Template::Node& root, std::string_view text, const std::string& name,
                             const TemplateData& data) {
    return Executor(text, name, root.definitions, data).run(root);
}

}  // namespace sim::alerting
