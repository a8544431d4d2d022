// Which verdict items of a drill depend on timing: the headline run against its timing redraws.
#include <set>

#include "report/check_report.hpp"

namespace caracal::report {

TimingTally tally_timing(const std::vector<DrillVerdict>& redraws) {
    TimingTally tally;
    tally.runs = redraws.size();
    for (const auto& verdict : redraws) {
        // A name counts once per redraw, however many items carry it (e.g. several docs drifts).
        std::set<std::string> failed;
        for (const auto& item : check_items(verdict))
            if (item.status == ItemStatus::Fail) failed.insert(item.name);
        for (const auto& name : failed) ++tally.failed[name];
    }
    return tally;
}

std::vector<TimedItem> check_items(const DrillVerdict& verdict, const UnpredictableAlerts& unpredictable,
                                   const TimingTally& timing) {
    std::vector<TimedItem> items;
    for (auto& item : check_items(verdict, unpredictable)) {
        TimedItem timed{std::move(item), std::nullopt};
        const auto it = timing.failed.find(timed.item.name);
        const std::size_t failed = it == timing.failed.end() ? 0 : it->second;
        const bool unanimous = timed.item.status == ItemStatus::Pass ? failed == 0 : failed == timing.runs;
        if (timing.runs > 0 && timed.item.status != ItemStatus::Note && !unanimous)
            timed.held_in_redraws = timing.runs - failed;
        items.push_back(std::move(timed));
    }
    return items;
}

}  // namespace caracal::report
