// The instants a live Prometheus scraped each target of a live twin (Unix ms, in arrival order),
// and each target's `instance` label (how Prometheus' own series name it), written with the
// session's status by `serve --scrape-log` and read back by `conform --scrape-log` to replay those
// scrapes offline.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace caracal::live {

class ScrapeLog {
public:
    void record(const std::string& target, const std::string& instance, std::int64_t unix_ms) {
        instants_[target].push_back(unix_ms);
        instances_[target] = instance;
    }
    const std::map<std::string, std::vector<std::int64_t>>& instants() const { return instants_; }
    // The instance label of each target scraped (empty for a log read without them).
    const std::map<std::string, std::string>& instances() const { return instances_; }

    // {"<target>": [unix ms, ...], ...}
    nlohmann::json to_json() const;
    // {"<target>": "<instance label>", ...}
    nlohmann::json instances_json() const { return instances_; }
    // `instances`: null, or the shape instances_json() gives. Throws sim::InputError naming `file`
    // when either is not that shape.
    static ScrapeLog from_json(const nlohmann::json& j, const nlohmann::json& instances, const std::string& file);

private:
    std::map<std::string, std::vector<std::int64_t>> instants_;
    std::map<std::string, std::string> instances_;
};

}  // namespace caracal::live
