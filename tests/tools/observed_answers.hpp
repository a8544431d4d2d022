// The query_range answers a real Prometheus would give for the alerts of a prediction (`run
// --json`), written by hand for the post-drill tests of `conform` and `report --observed`.
#pragma once

#include <climits>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

namespace cli_test {

using json = nlohmann::json;

constexpr std::int64_t kInjectedAt = 1'800'000'060'000;  // Unix ms
constexpr std::int64_t kStep = 5000;                     // the live fixture's evaluation interval

// The query_range answers a Prometheus would give for `run --json`'s alerts, sampled every
// evaluation tick: one pending and one firing ALERTS series per instance, and ALERTS_FOR_STATE.
struct Observed {
    json alerts = json::array();
    json for_state = json::array();

    void add(const json& alert, std::int64_t shift_ms, double end_s) {
        json pending = {{"values", json::array()}}, firing = {{"values", json::array()}}, state = {{"values", json::array()}};
        json labels = alert["labels"];
        labels["__name__"] = "ALERTS";
        pending["metric"] = labels;
        pending["metric"]["alertstate"] = "pending";
        firing["metric"] = labels;
        firing["metric"]["alertstate"] = "firing";
        state["metric"] = labels;
        state["metric"]["__name__"] = "ALERTS_FOR_STATE";
        const auto ms = [&](const json& s) { return kInjectedAt + static_cast<std::int64_t>(s.get<double>() * 1000) + shift_ms; };
        for (const auto& e : alert["episodes"]) {
            const std::int64_t active = ms(e["pending_at"]);
            const std::int64_t fires = e["firing_at"].is_null() ? INT64_MAX : ms(e["firing_at"]);
            const std::int64_t ends = e["resolved_at"].is_null() ? kInjectedAt + static_cast<std::int64_t>(end_s * 1000) + kStep
                                                                 : ms(e["resolved_at"]);
            for (std::int64_t t = active; t < ends; t += kStep) {
                const json point = {static_cast<double>(t) / 1000.0, "1"};
                (t < fires ? pending : firing)["values"].push_back(point);
                state["values"].push_back({static_cast<double>(t) / 1000.0, std::to_string(static_cast<double>(active) / 1000.0)});
            }
        }
        for (json* s : {&pending, &firing})
            if (!(*s)["values"].empty()) alerts.push_back(*s);
        for_state.push_back(state);
    }

    void write(const std::filesystem::path& dir) const {
        std::filesystem::create_directories(dir);
        const auto answer = [](const json& result) {
            return json{{"status", "success"}, {"data", {{"resultType", "matrix"}, {"result", result}}}}.dump();
        };
        std::ofstream(dir / "ALERTS.json") << answer(alerts);
        std::ofstream(dir / "ALERTS_FOR_STATE.json") << answer(for_state);
    }
};

}  // namespace cli_test
