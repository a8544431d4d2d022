#include "report/output_timeline.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

namespace caracal::report {

std::string format_offset(const std::optional<sim::Time>& t, sim::Time start) {
    if (!t) return "-";
    return sim::format_duration(*t - start);
}

void print_timeline_table(std::ostream& out, const std::vector<sim::alerting::AlertEpisode>& episodes, sim::Time start) {
    if (episodes.empty()) {
        out << "  no alert became active\n";
        return;
    }
    using Row = std::array<std::string, 5>;
    std::vector<Row> rows{{"ALERTNAME", "LABELS", "ACTIVE", "FIRING", "RESOLVED"}};
    for (const auto& e : episodes)
        rows.push_back({e.alertname, e.labels.without_name().drop({"alertname"}).to_string(),
                        format_offset(e.active_at, start), format_offset(e.firing_at, start),
                        format_offset(e.resolved_at, start)});
    std::array<std::size_t, 5> width{};
    for (const auto& r : rows)
        for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
    for (const auto& r : rows) {
        std::string line;
        for (std::size_t c = 0; c < r.size(); ++c) {
            line += r[c];
            if (c + 1 < r.size()) line += std::string(width[c] - r[c].size() + 2, ' ');
        }
        out << "  " << line << "\n";
    }
}

}  // namespace caracal::report
