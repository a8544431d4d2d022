// One alert as Prometheus posts it to Alertmanager's API (Alertmanager's PostableAlert): its
// labels, when it started firing, and until when Alertmanager should hold it firing without news.
#pragma once

#include "sim/base/time.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::alertmanager {

struct PostableAlert {
    Time received_at;  // the evaluation that sent it; the notifier queue's delay is taken as zero
    tsdb::Labels labels;
    Time starts_at;  // Prometheus 2.42 sends FiredAt, not ActiveAt (cmd/prometheus/main.go sendAlerts)
    // ValidUntil while firing; the resolving evaluation's instant once resolved. Alertmanager
    // counts the alert resolved from this instant on.
    Time ends_at;
};

}  // namespace sim::alertmanager
