#include "sim/alerting/unittest_runner.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "sim/alerting/rule_manager.hpp"
#include "sim/promql/engine.hpp"

namespace sim::alerting {

namespace {

// ---- promtool's wording -------------------------------------------------------------------

// Go's strconv.FormatFloat(v, 'E', -1, 64): shortest round-trip digits, `1E+00`, `+Inf`, `NaN`.
std::string format_go_e(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string out(buf, end);
    std::replace(out.begin(), out.end(), 'e', 'E');
    return out;
}

// Go's time.Duration.String at millisecond precision: `0s`, `500ms`, `1m30s`, `1h0m0s`.
std::string format_go_duration(Duration d) {
    std::int64_t ms = d.ms();
    if (ms == 0) return "0s";
    std::string sign = ms < 0 ? "-" : "";
    if (ms < 0) ms = -ms;
    if (ms < 1000) return sign + std::to_string(ms) + "ms";
    std::string out = sign;
    const std::int64_t hours = ms / 3'600'000, minutes = ms / 60'000 % 60, millis = ms % 60'000;
    if (hours > 0) out += std::to_string(hours) + "h";
    if (hours > 0 || minutes > 0) out += std::to_string(minutes) + "m";
    out += std::to_string(millis / 1000);
    if (millis % 1000 != 0) {
        std::string frac = std::to_string(1000 + millis % 1000).substr(1);
        while (frac.back() == '0') frac.pop_back();
        out += "." + frac;
    }
    return out + "s";
}

// Prometheus' labels.Labels.String: `{a="b", c="d"}`.
std::string format_labels(const LabelPairs& labels) {
    std::string out = "{";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (i > 0) out += ", ";
        out += labels[i].name + "=" + tsdb::quote(labels[i].value);
    }
    return out + "}";
}

LabelPairs pairs(const tsdb::Labels& labels) { return labels.items(); }

// Prefixes every line but the first with `indent`.
std::string indent_lines(const std::string& text, const std::string& indent) {
    std::string out;
    for (char c : text) {
        out += c;
        if (c == '\n') out += indent;
    }
    return out;
}

struct AlertView {
    LabelPairs labels;
    LabelPairs annotations;
    auto operator<=>(const AlertView&) const = default;
};

std::string format_alerts(const std::vector<AlertView>& alerts) {
    if (alerts.empty()) return "[]";
    std::string out = "[";
    for (std::size_t i = 0; i < alerts.size(); ++i) {
        out += (i == 0 ? "\n" : ",\n") + std::to_string(i) + ":";
        out += indent_lines("\nLabels:" + format_labels(alerts[i].labels) + "\nAnnotations:" +
                                format_labels(alerts[i].annotations),
                            "  ");
    }
    return out + "\n]";
}

struct SampleView {
    tsdb::Labels labels;
    double value = 0;
};

std::string format_samples(const std::vector<SampleView>& samples) {
    if (samples.empty()) return "nil";
    std::string out;
    for (const auto& s : samples) {
        if (!out.empty()) out += ", ";
        out += format_labels(pairs(s.labels)) + " " + format_go_e(s.value);
    }
    return out;
}

std::string group_prefix(const TestGroup& g) { return g.name.empty() ? "" : "    name: " + g.name + ",\n"; }

// ---- the run ------------------------------------------------------------------------------

// The input series as timed samples, expanded from their notation only as the evaluation clock
// reaches them: a `1+0x10000000` series costs memory for the samples before the last eval_time.
class InputFeeder {
public:
    explicit InputFeeder(const TestGroup& g) : start_(g.start), interval_(g.interval) {
        std::map<tsdb::Labels, std::size_t> index;
        for (const auto& in : g.input_series) {
            Feed feed{in.labels, SeriesRuns::Samples(in.values), std::nullopt, std::nullopt};
            feed.pending = feed.samples.next();
            // A series listed twice: the later definition replaces the earlier one.
            if (auto [it, added] = index.emplace(in.labels, feeds_.size()); added)
                feeds_.push_back(std::move(feed));
            else
                feeds_[it->second] = std::move(feed);
        }
    }

    void append_until(Time ts, tsdb::Storage& storage) {
        if (ts < start_) return;
        for (auto& f : feeds_) {
            for (; f.pending && reached(f.pending->index, ts); f.pending = f.samples.next()) {
                const Time t = start_ + interval_ * static_cast<std::int64_t>(f.pending->index);
                // Prometheus' head drops samples not newer than the last. Times only stand still
                // with a zero interval, where every later sample lands on the same instant: only
                // a series' first sample survives, and the rest need not be walked.
                if (f.last && t <= *f.last) {
                    f.pending.reset();
                    break;
                }
                storage.append(f.labels, t, f.pending->value);
                f.last = t;
            }
        }
    }

private:
    struct Feed {
        tsdb::Labels labels;
        SeriesRuns::Samples samples;
        std::optional<SeriesRuns::Samples::Slot> pending;  // the next sample not yet appended
        std::optional<Time> last;
    };

    // Whether slot `index` lies at or before `ts` (>= start), without multiplying past 64 bits.
    bool reached(std::uint64_t index, Time ts) const {
        if (interval_.is_zero()) return true;
        return index <= static_cast<std::uint64_t>((ts - start_) / interval_);
    }

    Time start_;
    Duration interval_;
    std::vector<Feed> feeds_;
};

// What promtool 2.42 runs a test group's rules with: the file's evaluation_interval as every
// subquery's default step (its test suite's SubqueryInterval), whatever a group's own interval.
RuleManagerOptions promtool_server(const UnitTestFile& file, const TestGroup& test, const UnitTestOptions& options) {
    RuleManagerOptions out;
    out.evaluation_interval = file.evaluation_interval;
    out.ranges = options.ranges;
    out.subquery_step = SubqueryStep::GlobalInterval;
    out.external_labels = test.external_labels;
    out.external_url = test.external_url;
    return out;
}

// promtool 2.42 refuses a rule file using what its parser lacks; so does the twin, unless the test
// file enables our extensions.
void refuse_beyond_promtool(const UnitTestFile& file, const RuleManager& rules) {
    if (file.extensions) return;
    for (const auto& g : rules.groups())
        if (const auto& beyond = g.beyond_promtool()) throw InputError(g.file(), beyond->pos, beyond->message + kExtensionsHint);
}

bool values_equal(double exp, double got, bool fuzzy) {
    if (exp == got) return true;
    return fuzzy && (std::nextafter(exp, -INFINITY) == got || std::nextafter(exp, INFINITY) == got);
}

class GroupRun {
public:
    GroupRun(const UnitTestFile& file, const TestGroup& test, const UnitTestOptions& options)
        : file_(file), test_(test), rules_(RuleManager::load(file.rule_files, {}, promtool_server(file, test, options))) {
        refuse_beyond_promtool(file, rules_);
        rules_.set_evaluation_order(file.group_eval_order);
        rules_.restore();
        if (options.record_transitions) rules_.set_transition_log(&transitions_);
    }

    void run(TestGroupResult& result) {
        if (evaluate_rules(result.failures)) check_promql(result.failures);
        result.transitions = std::move(transitions_);
    }

private:
    // The evaluation loop; false when a rule error stopped it.
    bool evaluate_rules(std::vector<std::string>& failures) {
        std::vector<const AlertTest*> alert_tests;
        for (const auto& t : test_.alert_tests) alert_tests.push_back(&t);
        std::stable_sort(alert_tests.begin(), alert_tests.end(),
                         [](const AlertTest* a, const AlertTest* b) { return a->eval_time < b->eval_time; });
        Duration maxt;
        for (const auto& t : test_.alert_tests) maxt = std::max(maxt, t.eval_time);
        for (const auto& t : test_.promql_tests) maxt = std::max(maxt, t.eval_time);

        InputFeeder feeder(test_);
        const Duration step = file_.evaluation_interval;
        auto next = alert_tests.begin();
        for (Time ts = test_.start; ts <= test_.start + maxt; ts += step) {
            feeder.append_until(ts, storage_);
            if (!rules_.eval_all(ts, storage_)) {  // errors() holds this instant's only
                for (const auto& e : rules_.errors())
                    failures.push_back("    rule: " + e.rule + ", time: " + format_go_duration(e.at - Time::epoch()) +
                                       ", err: " + e.error);
                return false;
            }
            // An alert test at eval_time is checked against the evaluation at ts when
            // ts <= start + eval_time < ts + step.
            for (; next != alert_tests.end() && test_.start + (*next)->eval_time < ts + step; ++next)
                check_alerts(**next, failures);
        }
        return true;
    }

    // Prometheus 2.42 keeps every annotation of the rule, even one that expands to "", and
    // promtool compares them all; tsdb::Labels cannot hold an empty value, so rebuild the list
    // from the rule's annotation names.
    static LabelPairs annotations(const AlertingRule& rule, const Alert& alert) {
        LabelPairs out;
        for (const auto& a : rule.annotations()) out.push_back({a.name, std::string(alert.annotations.get(a.name))});
        std::sort(out.begin(), out.end());
        return out;
    }

    std::vector<AlertView> firing(const std::string& alertname) const {
        std::vector<AlertView> out;
        for (const AlertingRule* ar : rules_.alerting_rules()) {
            if (ar->name() != alertname) continue;
            for (const auto& a : ar->active_alerts())
                if (a.state == AlertState::Firing) out.push_back({pairs(a.labels), annotations(*ar, a)});
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    void check_alerts(const AlertTest& t, std::vector<std::string>& failures) const {
        const auto got = firing(t.alertname);
        std::vector<AlertView> exp;
        for (const auto& e : t.exp_alerts) {
            LabelPairs labels;
            for (const auto& l : e.labels)
                if (l.name != "alertname") labels.push_back(l);
            labels.push_back({"alertname", t.alertname});
            std::sort(labels.begin(), labels.end());
            exp.push_back({labels, e.annotations});
        }
        std::sort(exp.begin(), exp.end());
        if (exp == got) return;
        failures.push_back(group_prefix(test_) + "    alertname: " + t.alertname + ", time: " +
                           format_duration(t.eval_time) + ", \n        exp:" +
                           indent_lines(format_alerts(exp), "            ") + ", \n        got:" +
                           indent_lines(format_alerts(got), "            "));
    }

    void check_promql(std::vector<std::string>& failures) const {
        for (const auto& t : test_.promql_tests) {
            const std::string where = "    expr: " + tsdb::quote(t.expr_text) + ", time: " + format_duration(t.eval_time);
            std::vector<SampleView> got;
            try {
                const auto value = promql::evaluate(*t.expr, storage_, test_.start + t.eval_time, rules_.engine());
                if (const auto* v = std::get_if<promql::Vector>(&value)) {
                    for (const auto& s : *v) got.push_back({s.metric, s.v});
                } else if (const auto* s = std::get_if<promql::Scalar>(&value)) {
                    got.push_back({tsdb::Labels(), s->v});
                } else {
                    failures.push_back(where + ", err: rule result is not a vector or scalar");
                    continue;
                }
            } catch (const std::exception& e) {
                failures.push_back(where + ", err: " + e.what());
                continue;
            }
            std::vector<SampleView> exp;
            for (const auto& s : t.exp_samples) exp.push_back({s.labels, s.value});
            auto by_labels = [](const SampleView& a, const SampleView& b) { return a.labels < b.labels; };
            std::stable_sort(exp.begin(), exp.end(), by_labels);
            std::stable_sort(got.begin(), got.end(), by_labels);
            const bool same = exp.size() == got.size() &&
                              std::equal(exp.begin(), exp.end(), got.begin(), [&](const SampleView& e, const SampleView& g) {
                                  return e.labels == g.labels && values_equal(e.value, g.value, file_.fuzzy_compare);
                              });
            if (!same)
                failures.push_back(where + ",\n        exp: " + format_samples(exp) + "\n        got: " + format_samples(got));
        }
    }

    const UnitTestFile& file_;
    const TestGroup& test_;
    tsdb::Storage storage_;
    std::vector<AlertTransition> transitions_;  // declared before the rules that write to it
    RuleManager rules_;
};

}  // namespace

bool UnitTestResult::passed() const {
    return std::all_of(groups.begin(), groups.end(), [](const TestGroupResult& g) { return g.passed(); });
}

// The caller's limit on rule evaluations: a group evaluates at start, start + evaluation_interval,
// ... up to its last eval_time.
void refuse_beyond_evaluation_limit(const UnitTestFile& file, const TestGroup& test, int index,
                                    std::uint64_t limit) {
    Duration maxt;
    for (const auto& t : test.alert_tests) maxt = std::max(maxt, t.eval_time);
    for (const auto& t : test.promql_tests) maxt = std::max(maxt, t.eval_time);
    const Duration step = file.evaluation_interval;
    const bool endless = step.is_zero() || step < Duration();
    if (!endless && static_cast<std::uint64_t>(maxt / step) < limit) return;
    const std::string group = test.name.empty() ? "test group " + std::to_string(index + 1)
                                                : "test group " + tsdb::quote(test.name);
    throw InputError(file.path, test.pos,
                     group + " needs more than " + std::to_string(limit) + " rule evaluations (eval_time " +
                         format_duration(maxt) + " at evaluation_interval " + format_duration(step) +
                         "), the limit --max-evaluations sets");
}

TestGroupResult run_test_group(const UnitTestFile& file, int index, const UnitTestOptions& options) {
    const TestGroup& test = file.tests.at(static_cast<std::size_t>(index));
    if (options.max_evaluations) refuse_beyond_evaluation_limit(file, test, index, *options.max_evaluations);
    TestGroupResult result;
    result.name = test.name;
    result.index = index;
    result.pos = test.pos;
    result.start = test.start;
    GroupRun(file, test, options).run(result);
    return result;
}

UnitTestResult run_unittest(const UnitTestFile& file, const UnitTestOptions& options) {
    UnitTestResult out;
    for (std::size_t i = 0; i < file.tests.size(); ++i)
        if (!options.selected || options.selected(file.tests[i].name))
            out.groups.push_back(run_test_group(file, static_cast<int>(i), options));
    return out;
}

}  // namespace sim::alerting
