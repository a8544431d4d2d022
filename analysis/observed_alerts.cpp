#include "analysis/observed_alerts.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "sim/base/error.hpp"
#include "sim/base/input_file.hpp"
#include "sim/base/json_position.hpp"

namespace caracal::analysis {

namespace {

using nlohmann::json;

const json& member(const json& object, const char* key, const std::string& file, const std::string& expected) {
    if (!object.is_object() || !object.contains(key))
        throw sim::InputError(file, {}, "expected " + expected + " (a Prometheus query_range answer)");
    return object.at(key);
}

ObservedSeries parse_series(const json& entry, const std::string& file) {
    const json& metric = member(entry, "metric", file, "\"metric\" in every result");
    const json& values = member(entry, "values", file, "\"values\" in every result of a matrix");
    ObservedSeries series;
    if (!metric.is_object() || !values.is_array()) throw sim::InputError(file, {}, "expected a matrix result: metric object and values array");
    for (const auto& [name, value] : metric.items()) {
        if (!value.is_string()) throw sim::InputError(file, {}, "expected a string value for label " + name);
        series.labels.set(name, value.get<std::string>());
    }
    for (const json& point : values) {
        if (!point.is_array() || point.size() != 2 || !point[0].is_number() || !point[1].is_string())
            throw sim::InputError(file, {}, "expected [unix seconds, \"value\"] samples");
        const auto ms = static_cast<std::int64_t>(std::llround(point[0].get<double>() * 1000.0));
        const std::string v = point[1].get<std::string>();
        try {
            series.samples.emplace_back(ms, std::stod(v));
        } catch (const std::exception&) {
            throw sim::InputError(file, {}, "expected a number as sample value, got \"" + v + "\"");
        }
    }
    return series;
}

struct Identity {
    sim::tsdb::Labels labels;  // alertname and the alert's labels
    bool operator<(const Identity& o) const { return labels < o.labels; }
};

Identity identity_of(const sim::tsdb::Labels& series) {
    sim::tsdb::Labels labels = series.without_name();
    labels.erase("alertstate");
    return {labels};
}

sim::Time tick_at_or_before(std::int64_t unix_ms, sim::Duration interval, sim::Duration phase) {
    const std::int64_t i = interval.ms();
    const std::int64_t since = ((unix_ms - phase.ms()) % i + i) % i;
    return sim::Time::from_millis(unix_ms - since);
}

// The step of the range query: the smallest gap between two samples of one series.
std::optional<std::int64_t> query_step(const ObservedAlerts& observed) {
    std::optional<std::int64_t> step;
    for (const auto& s : observed.alerts)
        for (std::size_t i = 1; i < s.samples.size(); ++i) {
            const std::int64_t gap = s.samples[i].first - s.samples[i - 1].first;
            if (gap > 0 && (!step || gap < *step)) step = gap;
        }
    return step;
}

}  // namespace

void parse_query_range(const std::string& text, const std::string& file, ObservedAlerts& into) {
    json answer;
    try {
        answer = json::parse(text);
    } catch (const json::parse_error& e) {
        throw sim::InputError(file, sim::json_error_position(text, e.byte), "expected JSON (a Prometheus query_range answer)");
    }
    const json& status = member(answer, "status", file, "\"status\"");
    if (status != "success") throw sim::InputError(file, {}, "expected \"status\": \"success\"");
    const json& data = member(answer, "data", file, "\"data\"");
    if (member(data, "resultType", file, "\"data.resultType\"") != "matrix")
        throw sim::InputError(file, {}, "expected \"resultType\": \"matrix\" (the answer of query_range)");
    const json& result = member(data, "result", file, "\"data.result\"");
    if (!result.is_array()) throw sim::InputError(file, {}, "expected \"data.result\" to be an array");
    for (const json& entry : result) {
        ObservedSeries series = parse_series(entry, file);
        const std::string_view name = series.labels.get(sim::tsdb::kMetricName);
        if (name == "ALERTS")
            into.alerts.push_back(std::move(series));
        else if (name == "ALERTS_FOR_STATE")
            into.for_state.push_back(std::move(series));
        else if (name == "up")
            into.up.push_back(std::move(series));
        else
            throw sim::InputError(file, {}, "expected series of ALERTS, ALERTS_FOR_STATE or up, got " + std::string(name));
    }
}

ObservedAlerts read_observed(const std::string& path) {
    ObservedAlerts observed;
    std::vector<std::string> files;
    if (std::filesystem::is_directory(path)) {
        for (const auto& entry : std::filesystem::directory_iterator(path))
            if (entry.path().extension() == ".json") files.push_back(entry.path().string());
        std::sort(files.begin(), files.end());
        if (files.empty()) throw sim::InputError(path, {}, "expected *.json query_range answers in this folder");
    } else {
        files.push_back(path);
    }
    for (const auto& file : files)
        parse_query_range(sim::read_input_file(file, "cannot read the observed alerts"), file, observed);
    return observed;
}

std::map<std::string, std::vector<std::int64_t>> scrape_stamps(const ObservedAlerts& observed) {
    std::map<std::string, std::vector<std::int64_t>> out;
    for (const auto& s : observed.up) {
        auto& stamps = out[std::string(s.labels.get("instance"))];
        for (const auto& [t, v] : s.samples) stamps.push_back(t);
    }
    for (auto& [instance, stamps] : out) std::sort(stamps.begin(), stamps.end());
    return out;
}

std::optional<sim::Duration> observed_evaluation_phase(const ObservedAlerts& observed, sim::Duration interval) {
    for (const auto& s : observed.for_state)
        if (!s.samples.empty()) {
            const auto active_at = static_cast<std::int64_t>(std::llround(s.samples.front().second * 1000.0));
            return sim::Duration::millis(((active_at % interval.ms()) + interval.ms()) % interval.ms());
        }
    return std::nullopt;
}

std::vector<sim::alerting::AlertEpisode> observed_episodes(const ObservedAlerts& observed, sim::Duration interval,
                                                           std::optional<sim::Duration> phase, sim::Time range_end) {
    const std::int64_t step = query_step(observed).value_or(interval.ms());
    std::map<Identity, std::vector<std::pair<std::int64_t, bool>>> samples;  // (Unix ms, firing)
    for (const auto& s : observed.alerts) {
        const bool firing = s.labels.get("alertstate") == "firing";
        auto& into = samples[identity_of(s.labels)];
        for (const auto& [t, v] : s.samples) into.emplace_back(t, firing);
    }
    std::map<Identity, std::vector<std::int64_t>> active_since;  // activeAt values seen, Unix ms
    for (const auto& s : observed.for_state) {
        auto& into = active_since[identity_of(s.labels)];
        for (const auto& [t, v] : s.samples) into.push_back(static_cast<std::int64_t>(std::llround(v * 1000.0)));
    }
    const auto on_tick = [&](std::int64_t unix_ms) {
        return phase ? tick_at_or_before(unix_ms, interval, *phase) : sim::Time::from_millis(unix_ms);
    };

    std::vector<sim::alerting::AlertEpisode> out;
    for (auto& [identity, points] : samples) {
        std::sort(points.begin(), points.end());
        const auto& actives = active_since[identity];
        sim::alerting::AlertEpisode open;
        bool is_open = false;
        std::int64_t previous = 0;
        const auto close = [&](std::int64_t last_seen) {
            if (last_seen + step <= range_end.unix_ms()) open.resolved_at = on_tick(last_seen + step);
            out.push_back(open);
            is_open = false;
        };
        for (const auto& [t, firing] : points) {
            // A gap longer than the query step, or firing going back to pending, starts another episode.
            if (is_open && (t - previous > step || (open.firing_at && !firing))) close(previous);
            if (!is_open) {
                open = {std::string(identity.labels.get("alertname")), identity.labels, on_tick(t), std::nullopt,
                        std::nullopt};
                is_open = true;
                // activeAt of this episode: the latest one at or before the first sample.
                for (std::int64_t a : actives)
                    if (a <= t && a > t - step - interval.ms()) open.active_at = sim::Time::from_millis(a);
            }
            if (firing && !open.firing_at) open.firing_at = on_tick(t);
            previous = t;
        }
        if (is_open) close(previous);
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.active_at < b.active_at; });
    return out;
}

}  // namespace caracal::analysis
