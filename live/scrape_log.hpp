// The instants a live Prometheus scraped each target of a live twin (Unix ms, in arrival order),
// written with the session's status by `serve --scrape-log` and read back by `conform
// --scrape-log` to replay those scrapes offline.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace caracal::live {

class ScrapeLog {
public:
    void record(const std::string& target, std::int64_t unix_ms) { instants_[target].push_back(unix_ms); }
    const std::map<std::string, std::vector<std::int64_t>>& instants() const { return instants_; }

    // {"<target>": [unix ms, ...], ...}
    nlohmann::json to_json() const;
    // Throws sim::InputError naming `file` when `j` is not that shape.
    static ScrapeLog from_json(const nlohmann::json& j, const std::string& file);

private:
    std::map<std::string, std::vector<std::int64_t>> instants_;
};

}  // namespace caracal::live
