#include "report/paging_report.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "report/run_report.hpp"
#include "report/whatif_table.hpp"

namespace caracal::report {

namespace {

namespace am = sim::alertmanager;
using Json = nlohmann::ordered_json;

// `Name{labels}` with only the labels that tell the name's instances in the drill apart (the pod,
// the instance), so lines stay short; the name alone when it has one instance.
class AlertNames {
public:
    explicit AlertNames(const analysis::DrillPaging& paging) {
        std::map<std::string, std::vector<sim::tsdb::Labels>> by_name;
        for (const auto& a : paging.alerts) by_name[std::string(a.labels.get("alertname"))].push_back(a.labels);
        for (const auto& a : paging.timeline.unnotified) by_name[std::string(a.labels.get("alertname"))].push_back(a.labels);
        for (const auto& [name, all] : by_name) {
            auto& differing = differing_[name];
            for (const auto& labels : all)
                for (const auto& l : labels.items())
                    if (std::any_of(all.begin(), all.end(), [&](const auto& o) { return o.get(l.name) != l.value; }))
                        differing.insert(l.name);
        }
    }

    std::string text(const sim::tsdb::Labels& labels) const {
        const std::string name(labels.get("alertname"));
        const auto it = differing_.find(name);
        if (it == differing_.end() || it->second.empty()) return name;
        return name + labels.keep_only({it->second.begin(), it->second.end()}).to_string();
    }

private:
    std::map<std::string, std::set<std::string>> differing_;  // by alert name: the label names
};

// "A ×2, B": the alert names of a notification, each with how many of its instances it carries.
std::string alert_list(const std::vector<sim::tsdb::Labels>& alerts) {
    std::vector<std::pair<std::string, std::size_t>> counts;
    for (const auto& a : alerts) {
        const std::string name(a.get("alertname"));
        if (counts.empty() || counts.back().first != name) counts.emplace_back(name, 0);
        ++counts.back().second;
    }
    std::string out;
    for (const auto& [name, n] : counts)
        out += (out.empty() ? "" : ", ") + name + (n > 1 ? " ×" + std::to_string(n) : "");
    return out;
}



Json labels_list_json(const std::vector<sim::tsdb::Labels>& list) {
    Json out = Json::array();
    for (const auto& l : list) out.push_back(labels_json(l));
    return out;
}

double seconds_from(sim::Time t, sim::Time injection) { return (t - injection).secs(); }

std::string reasons_text(const am::UnnotifiedAlert& a, const AlertNames& names) {
    if (a.reasons.empty()) return "no notification before the end of the run";
    std::string out;
    for (const auto& r : a.reasons) {
        const bool inhibited = r.kind == am::SuppressionKind::Inhibited;
        out += (out.empty() ? "" : "; ") + (inhibited ? "inhibited by " + names.text(r.inhibitor) : r.describe());
    }
    return out;
}

}  // namespace

std::vector<std::string> notification_lines(const analysis::DrillPaging& paging) {
    std::vector<std::string> out;
    for (const auto* n : paging.pages()) {
        const bool firing = !n->firing.empty();
        out.push_back(std::string(firing ? "paged " : "resolved ") + n->receiver + " at " +
                      format_relative(n->at, paging.injection) + " (group " + n->group_labels.to_string() + ": " +
                      alert_list(firing ? n->firing : n->resolved) + ")");
    }
    return out;
}

std::vector<std::string> unnotified_lines(const analysis::DrillPaging& paging) {
    const AlertNames names(paging);
    std::vector<std::string> out;
    for (const auto& a : paging.timeline.unnotified)
        if (a.starts_at >= paging.injection) out.push_back(names.text(a.labels) + ": " + reasons_text(a, names));
    return out;
}

std::vector<std::vector<std::string>> page_rows(const analysis::DrillPaging& paging) {
    const AlertNames names(paging);
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : paging.alerts) {
        rows.push_back({names.text(a.labels), format_relative(a.fired_at, paging.injection),
                        a.page ? a.page->receiver + " " + format_relative(a.page->at, paging.injection) : "never"});
    }
    return rows;
}

DrillPagingText paging_text(const analysis::DrillPaging& paging, const std::string& config_file) {
    return {config_file, notification_lines(paging), page_rows(paging), unnotified_lines(paging)};
}

void print_paging_text(std::ostream& out, const analysis::DrillPaging& paging, const std::string& config_file) {
    out << "Notifications (Alertmanager " << config_file << ")\n";
    const auto lines = notification_lines(paging);
    if (lines.empty()) out << "  none\n";
    for (const auto& l : lines) out << "  " << l << "\n";
    out << "\nTime to fire and time to page\n";
    auto rows = page_rows(paging);
    if (rows.empty()) {
        out << "  no alert fired\n";
    } else {
        rows.insert(rows.begin(), {"ALERT", "FIRED", "PAGED"});
        print_table(out, rows, "  ");
    }
    out << "\nAlerts that reached no one\n";
    const auto unnotified = unnotified_lines(paging);
    if (unnotified.empty()) out << "  none\n";
    for (const auto& l : unnotified) out << "  " << l << "\n";
}

std::vector<CheckItem> paging_items(const std::optional<ExpectedPage>& expected, const analysis::DrillPaging* paging) {
    std::vector<CheckItem> out;
    if (paging) {
        for (auto& line : notification_lines(*paging)) out.push_back({"page", ItemStatus::Note, std::move(line)});
        for (const auto& row : page_rows(*paging))
            out.push_back({"time to page", ItemStatus::Note, row[0] + " fired " + row[1] + ", paged " + row[2]});
        for (auto& line : unnotified_lines(*paging)) out.push_back({"reached no one", ItemStatus::Note, std::move(line)});
    }
    if (!expected) return out;
    const std::string name = "paged " + expected->receiver + " within " + sim::format_duration(expected->within);
    if (!paging) {
        out.push_back({name, ItemStatus::Note, "not checked: needs --alertmanager"});
    } else {
        const auto verdict = analysis::check_paged(*expected, *paging);
        out.push_back({name, verdict.passed ? ItemStatus::Pass : ItemStatus::Fail, verdict.detail});
    }
    return out;
}

Json paging_json(const analysis::DrillPaging& paging, const std::string& config_file) {
    Json notifications = Json::array();
    for (const auto* n : paging.pages()) {
        notifications.push_back({{"t", seconds_from(n->at, paging.injection)},
                                 {"receiver", n->receiver},
                                 {"route", n->route_key},
                                 {"group", labels_json(n->group_labels)},
                                 {"firing", labels_list_json(n->firing)},
                                 {"resolved", labels_list_json(n->resolved)}});
    }
    Json alerts = Json::array();
    for (const auto& a : paging.alerts) {
        Json row{{"labels", labels_json(a.labels)}, {"fired", seconds_from(a.fired_at, paging.injection)}};
        row["paged"] = a.page ? Json(seconds_from(a.page->at, paging.injection)) : Json(nullptr);
        row["receiver"] = a.page ? Json(a.page->receiver) : Json(nullptr);
        alerts.push_back(std::move(row));
    }
    Json unnotified = Json::array();
    for (const auto& a : paging.timeline.unnotified) {
        if (a.starts_at < paging.injection) continue;
        Json reasons = Json::array();
        for (const auto& r : a.reasons) reasons.push_back(r.describe());
        unnotified.push_back({{"labels", labels_json(a.labels)}, {"reasons", reasons}});
    }
    return {{"config", config_file}, {"notifications", notifications}, {"alerts", alerts}, {"unnotified", unnotified}};
}

}  // namespace caracal::report
