// Where a run's alerts would page (issue 18): the run's alert timeline posted to Alertmanager as
// Prometheus 2.42 posts it, dispatched through an Alertmanager configuration; per alert that fired
// after the injection, its time to fire next to its time to page.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/scenario/expectations.hpp"
#include "models/twin/twin.hpp"
#include "sim/alertmanager/config.hpp"
#include "sim/alertmanager/notification_timeline.hpp"
#include "sim/alertmanager/prometheus_sends.hpp"

namespace caracal::analysis {

// One firing of an alert at or after the injection, and the first notification that carried it.
struct AlertPage {
    sim::tsdb::Labels labels;  // alertname included
    sim::Time fired_at;
    const sim::alertmanager::Notification* page = nullptr;  // into DrillPaging::timeline; null: never
};

struct DrillPaging {
    sim::Time injection;
    sim::alertmanager::NotificationTimeline timeline;
    std::vector<AlertPage> alerts;  // by firing instant, then labels

    DrillPaging() = default;
    DrillPaging(const DrillPaging&) = delete;  // AlertPage points into timeline
    DrillPaging& operator=(const DrillPaging&) = delete;
    DrillPaging(DrillPaging&&) = default;  // the notifications' vector keeps its storage
    DrillPaging& operator=(DrillPaging&&) = default;

    // The notifications at or after the injection.
    std::vector<const sim::alertmanager::Notification*> pages() const;
    // The first notification at or after the injection to `receiver` with an alert firing in it.
    const sim::alertmanager::Notification* first_page_to(const std::string& receiver) const;
};

DrillPaging drill_paging(const RunResult& result, const sim::alertmanager::Config& config,
                         sim::Duration resend_delay = sim::alertmanager::kDefaultResendDelay);

// `paged: {receiver, within}` against a drill's paging: whether it holds, and what was seen.
struct PageVerdict {
    bool passed = false;
    std::string detail;  // "paged pager at +02:30 (within 5m)" or "no page to pager within 5m (first at +07:30)"
};
PageVerdict check_paged(const ExpectedPage& expected, const DrillPaging& paging);

}  // namespace caracal::analysis
