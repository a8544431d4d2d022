// When a live drill's fault was injected, as `conform` and `report --observed` take it: from
// serve's status file, or given as --injected-at.
#pragma once

#include <optional>
#include <string>

#include "live/serve_status.hpp"
#include "sim/base/time.hpp"

namespace caracal::tools {

// The status file's injection instant when there is one, else `injected_at` read as RFC 3339 or
// Unix milliseconds (as serve's /status gives them). Throws sim::InputError naming --injected-at.
sim::Time injection_instant(const std::optional<live::ServeStatus>& status, const std::string& injected_at);

}  // namespace caracal::tools
