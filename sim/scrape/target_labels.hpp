// Attaching target labels to scraped series with `honor_labels: false` (Prometheus' default).
#pragma once

#include "sim/tsdb/labels.hpp"

namespace sim::scrape {

// The target's labels win. An exposed label they displace is kept as exported_<name> (prefixed
// again while that name is taken), conflicts handled shortest name first, as Prometheus does.
tsdb::Labels attach_target_labels(const tsdb::Labels& exposed, const tsdb::Labels& target);

}  // namespace sim::scrape
