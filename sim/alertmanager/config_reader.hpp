// Reading an Alertmanager configuration file (0.25 schema) as Alertmanager itself validates it
// (`amtool check-config`): unknown fields, bad matchers, undefined receivers and time intervals
// are errors. Every error is a sim::InputError naming file:line:col.
//
// Receivers' integrations are checked as far as integrations.hpp describes them (field names,
// required settings, URLs, host:port pairs, booleans); nested blocks (`http_config`, `tls_config`,
// `headers`, Slack actions, ...) and templated texts are accepted unchecked. The twin keeps only
// whether a receiver has any integration and whether `send_resolved` is in effect.
#pragma once

#include <string>

#include "sim/alertmanager/config.hpp"

namespace sim::alertmanager {

Config load_config(const std::string& path);
Config parse_config(const std::string& text, const std::string& file);

}  // namespace sim::alertmanager
