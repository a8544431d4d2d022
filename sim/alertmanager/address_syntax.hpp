// The address values Alertmanager 0.25 checks when it loads a file: URLs (`url`, `api_url`,
// `slack_api_url`, ...), which must be http or https with a host, and `host:port` pairs
// (`smtp_smarthost`, `smarthost`). Each check throws std::invalid_argument with Alertmanager's message.
#pragma once

#include <string_view>

namespace sim::alertmanager {

// `<secret>` (how Alertmanager prints a hidden URL) is accepted where `secret_allowed`.
void check_url(std::string_view text, bool secret_allowed);

// Empty is accepted (unset); otherwise `host:port` with a port, as Go's net.SplitHostPort reads it.
void check_host_port(std::string_view text);

}  // namespace sim::alertmanager
