// Writers for where a drill's alerts would page (issue 18.3, `--alertmanager`): the notifications
// from the injection on, time to fire next to time to page per alert, and the alerts that never
// reached anyone with why.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/paging.hpp"
#include "report/check_report.hpp"
#include "report/report_model.hpp"

namespace caracal::report {

// "paged pager at +02:30 (group: {component="gateway"}: CaracalGatewaySTSCircuitOpen, …)", one
// line per notification; "resolved … at" for a notification carrying only resolved alerts.
std::vector<std::string> notification_lines(const analysis::DrillPaging& paging);
// "CaracalX{…}: inhibited by {…}", one line per alert that reached no one.
std::vector<std::string> unnotified_lines(const analysis::DrillPaging& paging);
// One row per alert that fired after the injection: alert, fired, paged (receiver and offset).
std::vector<std::vector<std::string>> page_rows(const analysis::DrillPaging& paging);

// The three, under headings, for `run` and `report`; `config_file` names the configuration.
void print_paging_text(std::ostream& out, const analysis::DrillPaging& paging, const std::string& config_file);
// The three for the pre-drill report's paging section.
DrillPagingText paging_text(const analysis::DrillPaging& paging, const std::string& config_file);

// A drill's paging as `check` items (notes: each page, time to fire next to time to page, the
// alerts that reached no one), then the `paged:` expectation's verdict. Without a configuration
// (`paging` null) only the expectation, as a note that it was not checked.
std::vector<CheckItem> paging_items(const std::optional<ExpectedPage>& expected, const analysis::DrillPaging* paging);

// Keys in a fixed order, times in seconds from injection.
nlohmann::ordered_json paging_json(const analysis::DrillPaging& paging, const std::string& config_file);

}  // namespace caracal::report
