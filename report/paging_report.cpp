#include "report/paging_report.hpp"

#include "report/run_report.hpp"
#include "report/whatif_table.hpp"

namespace caracal::report {

namespace {

namespace am = sim::alertmanager;
using Json = nlohmann::ordered_json;

// `Name{rest}`: the alert name, then the labels the context does not already say.
std::string alert_text(const sim::tsdb::Labels& labels, const sim::tsdb::Labels& known = {}) {
    std::vector<std::string> drop{"alertname"};
    for (const auto& l : known.items()) drop.push_back(l.name);
    const auto rest = labels.drop(drop);
    return std::string(labels.get("alertname")) + (rest.empty() ? "" : rest.to_string());
}

std::string alert_list(const std::vector<sim::tsdb::Labels>& alerts, const sim::tsdb::Labels& group) {
    std::string out;
    for (const auto& a : alerts) out += (out.empty() ? "" : ", ") + alert_text(a, group);
    return out;
}

std::string reasons_text(const am::UnnotifiedAlert& a) {
    if (a.reasons.empty()) return "no notification before the end of the run";
    std::string out;
    for (const auto& r : a.reasons) out += (out.empty() ? "" : "; ") + r.describe();
    return out;
}

Json labels_list_json(const std::vector<sim::tsdb::Labels>& list) {
    Json out = Json::array();
    for (const auto& l : list) out.push_back(labels_json(l));
    return out;
}

double seconds_from(sim::Time t, sim::Time injection) { return (t - injection).secs(); }

}  // namespace

std::vector<std::string> notification_lines(const analysis::DrillPaging& paging) {
    std::vector<std::string> out;
    for (const auto* n : paging.pages()) {
        const bool firing = !n->firing.empty();
        out.push_back(std::string(firing ? "paged " : "resolved ") + n->receiver + " at " +
                      format_relative(n->at, paging.injection) + " (group " + n->group_labels.to_string() + ": " +
                      alert_list(firing ? n->firing : n->resolved, n->group_labels) + ")");
    }
    return out;
}

std::vector<std::string> unnotified_lines(const analysis::DrillPaging& paging) {
    std::vector<std::string> out;
    for (const auto& a : paging.timeline.unnotified)
        if (a.starts_at >= paging.injection) out.push_back(alert_text(a.labels) + ": " + reasons_text(a));
    return out;
}

std::vector<std::vector<std::string>> page_rows(const analysis::DrillPaging& paging) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : paging.alerts) {
        rows.push_back({alert_text(a.labels), format_relative(a.fired_at, paging.injection),
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
