#include "models/export/promtool_export.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>

#include <yaml-cpp/yaml.h>

#include "models/platform/profile.hpp"
#include "sim/alerting/rule_manager.hpp"
#include "sim/alerting/yaml_merge_keys.hpp"
#include "sim/base/error.hpp"
#include "sim/tsdb/sample.hpp"
#include "sim/tsdb/storage.hpp"

namespace caracal {

namespace {

using sim::alerting::RuleManager;
using sim::alerting::SeriesValues;
using sim::tsdb::Labels;

// promtool has no lookback option: its queries always use Prometheus' default.
constexpr Duration kPromtoolLookback = Duration::minutes(5);

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

// The shortest decimal that parses back to `v`, without an exponent (an exponent's sign would read
// as the `+`/`-` of the expanding notation).
std::string number_text(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "Inf" : "-Inf";
    char buf[400];
    const auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed).ptr;
    return std::string(buf, end);
}

// Go duration text for promtool's eval_time and intervals.
std::string duration_text(Duration d) {
    if (d.ms() % 1000 == 0) return std::to_string(d.ms() / 1000) + "s";
    return std::to_string(d.ms()) + "ms";
}

// How many values after values[i] promtool's `a+bxn` reproduces with b = step: each expanded value
// is the previous one plus b in float64, so the comparison repeats that sum.
std::size_t arithmetic_run(const SeriesValues& values, std::size_t i, double step) {
    double x = *values[i];
    std::size_t n = 0;
    for (std::size_t j = i + 1; j < values.size() && values[j] && !sim::tsdb::is_stale_nan(*values[j]); ++j) {
        x += step;
        if (!same_bits(x, *values[j])) break;
        ++n;
    }
    return n;
}

bool is_plain_number(const std::optional<double>& v) { return v && std::isfinite(*v); }

// The rule groups of a plain or PrometheusRule file, as a plain `groups:` document.
std::string plain_rules_yaml(const std::string& path) {
    std::vector<YAML::Node> docs;
    try {
        docs = YAML::LoadAllFromFile(path);
        for (auto& doc : docs) sim::alerting::resolve_merge_keys(doc);
    } catch (const YAML::Exception& e) {
        throw sim::InputError(path, {e.mark.line + 1, e.mark.column + 1}, e.msg);
    }
    YAML::Node groups(YAML::NodeType::Sequence);
    for (const auto& doc : docs) {
        if (!doc.IsMap()) continue;
        const YAML::Node spec = doc["spec"];
        const YAML::Node found = spec && spec.IsMap() && spec["groups"] ? spec["groups"] : doc["groups"];
        if (found && found.IsSequence())
            for (const auto& g : found) groups.push_back(g);
    }
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << "groups" << YAML::Value << groups << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

// Series names the rules write (ALERTS, ALERTS_FOR_STATE, recording outputs): not scraped.
std::set<std::string> rule_outputs(const RuleManager& rules) {
    std::set<std::string> names = {"ALERTS", "ALERTS_FOR_STATE"};
    for (const auto& g : rules.groups())
        for (const auto& r : g.rules())
            if (!r->as_alerting()) names.insert(r->name());
    return names;
}

// What promtool's unit test runs rules with: the profile's evaluation interval for groups without
// their own, Prometheus' default lookback (promtool has no option for it), 2.x range windows. Every
// group evaluates at the one common interval, so the group's subquery step is promtool's too.
sim::alerting::RuleManagerOptions promtool_server(const Profile& profile) {
    sim::alerting::RuleManagerOptions out;
    out.evaluation_interval = profile.prometheus.evaluation_interval;
    out.lookback = kPromtoolLookback;
    out.ranges = sim::tsdb::RangeBoundary::Closed;
    return out;
}

// The one evaluation interval promtool can use for every group.
Duration common_interval(const RuleManager& rules, const Profile& profile, const std::string& file) {
    std::optional<Duration> common;
    for (sim::alerting::GroupIndex i = 0; i < rules.groups().size(); ++i) {
        const sim::alerting::Group& g = rules.groups()[i];
        const Duration interval = rules.interval(i);
        if (common && *common != interval)
            throw sim::InputError(file, g.pos(),
                                  "group \"" + g.name() + "\" evaluates every " + sim::format_duration(interval) +
                                      " but an earlier group every " + sim::format_duration(*common) +
                                      "; a promtool test has one evaluation_interval");
        common = interval;
    }
    return common.value_or(profile.prometheus.evaluation_interval);
}

struct GridSeries {
    Labels labels;
    SeriesValues values;  // slot k at k·interval after the run's start
};

// Every scraped series, each sample moved to the first grid slot at or after it; a later sample
// landing on the same slot (a stale marker right after a scrape) replaces the earlier one.
std::vector<GridSeries> scraped_on_grid(const RunResult& result, const std::set<std::string>& excluded,
                                        Duration interval, std::size_t slots) {
    std::vector<GridSeries> out;
    const sim::tsdb::Storage& storage = *result.storage;
    for (std::uint32_t i = 0; i < storage.size(); ++i) {
        const auto& series = storage.series(sim::tsdb::SeriesId{i});
        if (excluded.count(std::string(series.labels.get("__name__")))) continue;
        GridSeries g{series.labels, SeriesValues(slots)};
        for (const auto& sample : series.samples) {
            const std::int64_t since = (sample.t - result.start).ms();
            if (since < 0) continue;
            const auto slot = static_cast<std::size_t>((since + interval.ms() - 1) / interval.ms());
            if (slot < slots) g.values[slot] = sample.v;
        }
        if (std::any_of(g.values.begin(), g.values.end(), [](const auto& v) { return v.has_value(); }))
            out.push_back(std::move(g));
    }
    return out;
}

// An alert as promtool's alert_rule_test sees it: labels without alertname, every annotation of
// the rule (Prometheus 2.42 keeps those that expand to "").
struct FiringAlert {
    std::vector<sim::tsdb::Label> labels;
    std::vector<sim::tsdb::Label> annotations;
    auto operator<=>(const FiringAlert&) const = default;
};

// Per alerting rule name, the firing alerts after one grid evaluation.
using FiringState = std::map<std::string, std::vector<FiringAlert>>;

std::map<std::string, std::vector<std::vector<sim::tsdb::Label>>> label_sets(const FiringState& state) {
    std::map<std::string, std::vector<std::vector<sim::tsdb::Label>>> out;
    for (const auto& [name, alerts] : state)
        for (const auto& a : alerts) out[name].push_back(a.labels);
    return out;
}

FiringState firing_state(const RuleManager& rules) {
    FiringState state;
    for (const sim::alerting::AlertingRule* rule : rules.alerting_rules()) {
        auto& firing = state[rule->name()];
        for (const auto& a : rule->active_alerts()) {
            if (a.state != sim::alerting::AlertState::Firing) continue;
            FiringAlert f;
            for (const auto& l : a.labels.items())
                if (l.name != "alertname") f.labels.push_back(l);
            for (const auto& field : rule->annotations())
                f.annotations.push_back({field.name, std::string(a.annotations.get(field.name))});
            std::sort(f.annotations.begin(), f.annotations.end());
            firing.push_back(std::move(f));
        }
        std::sort(firing.begin(), firing.end());
    }
    return state;
}

// Evaluates `rules` as promtool does: every group at k·interval from 0 over the grid series. Returns
// the firing state after each evaluation; `log` receives every transition.
std::vector<FiringState> evaluate_on_grid(RuleManager& rules, const std::vector<GridSeries>& series,
                                          Duration scrape_interval, Duration eval_interval, Duration length,
                                          std::vector<sim::alerting::AlertTransition>& log,
                                          const std::string& rules_file_name) {
    sim::tsdb::Storage storage;
    for (const auto& s : series)
        for (std::size_t k = 0; k < s.values.size(); ++k)
            if (s.values[k])
                storage.append(s.labels, Time::epoch() + Duration::millis(scrape_interval.ms() * std::int64_t(k)),
                               *s.values[k]);
    rules.restore();
    rules.set_transition_log(&log);
    std::vector<FiringState> states;
    for (Time ts = Time::epoch(); ts <= Time::epoch() + length; ts += eval_interval) {
        if (!rules.eval_all(ts, storage)) {
            const sim::alerting::RuleEvalError& e = rules.errors().front();
            throw sim::InputError(rules_file_name, e.pos,
                                  "rule " + e.rule + " failed at " + duration_text(e.at - Time::epoch()) + ": " + e.error);
        }
        states.push_back(firing_state(rules));
    }
    return states;
}

// The evaluations to assert: the first and last, each change of the firing label sets and the
// evaluation before it, and one point between any two of those further apart.
std::vector<std::size_t> check_points(const std::vector<FiringState>& states) {
    std::set<std::size_t> points = {0, states.size() - 1};
    for (std::size_t k = 1; k < states.size(); ++k)
        if (label_sets(states[k]) != label_sets(states[k - 1])) points.insert({k - 1, k});
    const std::vector<std::size_t> edges(points.begin(), points.end());
    for (std::size_t i = 1; i < edges.size(); ++i)
        if (edges[i] - edges[i - 1] > 1) points.insert((edges[i] + edges[i - 1]) / 2);
    return {points.begin(), points.end()};
}

std::map<std::string, Duration> first_firing(const std::vector<sim::alerting::AlertTransition>& log, Time start) {
    std::map<std::string, Duration> out;
    for (const auto& t : log) {
        if (t.to != sim::alerting::AlertState::Firing) continue;
        Labels labels = t.labels;
        labels.erase("alertname");
        out.try_emplace(t.alertname + labels.to_string(), t.at - start);
    }
    return out;
}

std::vector<FiringShift> firing_shifts(const RunResult& result, const std::vector<sim::alerting::AlertTransition>& grid_log) {
    std::vector<sim::alerting::AlertTransition> twin_log;
    for (const auto& a : result.alerts) twin_log.insert(twin_log.end(), a.transitions.begin(), a.transitions.end());
    const auto twin = first_firing(twin_log, result.start);
    const auto grid = first_firing(grid_log, Time::epoch());
    std::set<std::string> names;
    for (const auto& [n, _] : twin) names.insert(n);
    for (const auto& [n, _] : grid) names.insert(n);
    std::vector<FiringShift> out;
    for (const auto& n : names) {
        FiringShift s{n, std::nullopt, std::nullopt};
        if (auto it = twin.find(n); it != twin.end()) s.twin_firing = it->second;
        if (auto it = grid.find(n); it != grid.end()) s.grid_firing = it->second;
        out.push_back(s);
    }
    return out;
}

void emit_pairs(YAML::Emitter& y, const std::vector<sim::tsdb::Label>& pairs) {
    y << YAML::BeginMap;
    for (const auto& l : pairs) y << YAML::Key << l.name << YAML::Value << YAML::DoubleQuoted << l.value;
    y << YAML::EndMap;
}

void emit_alert_tests(YAML::Emitter& y, const std::vector<FiringState>& states, Duration eval_interval) {
    y << YAML::Key << "alert_rule_test" << YAML::Value << YAML::BeginSeq;
    for (std::size_t k : check_points(states))
        for (const auto& [name, firing] : states[k]) {
            y << YAML::BeginMap << YAML::Key << "eval_time" << YAML::Value
              << duration_text(Duration::millis(eval_interval.ms() * std::int64_t(k))) << YAML::Key << "alertname"
              << YAML::Value << name;
            if (!firing.empty()) {
                y << YAML::Key << "exp_alerts" << YAML::Value << YAML::BeginSeq;
                for (const auto& a : firing) {
                    y << YAML::BeginMap << YAML::Key << "exp_labels" << YAML::Value;
                    emit_pairs(y, a.labels);
                    y << YAML::Key << "exp_annotations" << YAML::Value;
                    emit_pairs(y, a.annotations);
                    y << YAML::EndMap;
                }
                y << YAML::EndSeq;
            }
            y << YAML::EndMap;
        }
    y << YAML::EndSeq;
}

}  // namespace

std::string encode_series_values(const SeriesValues& values) {
    std::string out;
    auto token = [&out](const std::string& t) { out += (out.empty() ? "" : " ") + t; };
    for (std::size_t i = 0; i < values.size();) {
        if (!values[i]) {
            std::size_t j = i;
            while (j < values.size() && !values[j]) ++j;
            token(j - i == 1 ? "_" : "_x" + std::to_string(j - i));  // `_xn` is n gaps
            i = j;
            continue;
        }
        const double a = *values[i];
        if (sim::tsdb::is_stale_nan(a)) {
            token("stale");
            ++i;
            continue;
        }
        std::size_t run = 0;
        double step = 0;
        // -0 stays a token of its own: adding the step turns it into +0.
        const bool negative_zero = a == 0 && std::signbit(a);
        if (!negative_zero && is_plain_number(values[i]) && i + 1 < values.size() && is_plain_number(values[i + 1])) {
            step = *values[i + 1] - a;
            if (step == 0) step = 0;  // +0: promtool adds the parsed `0`, never -0
            run = arithmetic_run(values, i, step);
        }
        if (run >= 1 && step == 0)
            token(number_text(a) + "x" + std::to_string(run));  // `axn` is n+1 values
        else if (run >= 2)
            token(number_text(a) + (step > 0 ? "+" : "-") + number_text(std::fabs(step)) + "x" + std::to_string(run));
        else {
            token(number_text(a));
            run = 0;
        }
        i += run + 1;
    }
    return out;
}

PromtoolExport export_promtool(const RunResult& result, const std::string& rules_file,
                               const std::string& rules_file_name) {
    const Profile& profile = result.profile;
    PromtoolExport out;
    out.rules_yaml = plain_rules_yaml(rules_file);
    // The exported text is what promtool reads, so it is also what the grid evaluation loads.
    RuleManager rules(sim::alerting::load_rule_text(out.rules_yaml, rules_file_name), promtool_server(profile));
    const Duration scrape = profile.prometheus.scrape_interval;
    const Duration eval = common_interval(rules, profile, rules_file);
    const Duration length = result.end - result.start;
    const auto slots = static_cast<std::size_t>((length.ms() + scrape.ms() - 1) / scrape.ms()) + 1;
    const std::vector<GridSeries> series = scraped_on_grid(result, rule_outputs(rules), scrape, slots);

    std::vector<sim::alerting::AlertTransition> grid_log;
    const std::vector<FiringState> states =
        evaluate_on_grid(rules, series, scrape, eval, length, grid_log, rules_file_name);
    out.shifts = firing_shifts(result, grid_log);

    YAML::Emitter y;
    y << YAML::Comment("caracal-twin export-promtool: scenario " + result.scenario + ", seed " +
                       std::to_string(result.seed) + ". Samples are moved onto the " + duration_text(scrape) +
                       " scrape grid; the alert tests are the rules evaluated on that grid.")
      << YAML::Newline;
    y << YAML::BeginMap << YAML::Key << "rule_files" << YAML::Value << YAML::BeginSeq << rules_file_name
      << YAML::EndSeq << YAML::Key << "evaluation_interval" << YAML::Value << duration_text(eval);
    y << YAML::Key << "tests" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
    y << YAML::Key << "name" << YAML::Value << result.scenario << YAML::Key << "interval" << YAML::Value
      << duration_text(scrape);
    y << YAML::Key << "input_series" << YAML::Value << YAML::BeginSeq;
    for (const auto& s : series)
        y << YAML::BeginMap << YAML::Key << "series" << YAML::Value << YAML::SingleQuoted << s.labels.to_string()
          << YAML::Key << "values" << YAML::Value << YAML::DoubleQuoted << encode_series_values(s.values)
          << YAML::EndMap;
    y << YAML::EndSeq;
    emit_alert_tests(y, states, eval);
    y << YAML::EndMap << YAML::EndSeq << YAML::EndMap;
    out.test_yaml = std::string(y.c_str()) + "\n";
    return out;
}

}  // namespace caracal
