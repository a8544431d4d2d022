// The notification integrations a receiver may list (`webhook_configs`, `email_configs`, ...), as
// far as Alertmanager 0.25 checks them when it loads a file: the fields each may have, the ones it
// must have (in the integration itself or, for some, in `global:`), and whether it sends resolved
// notifications when `send_resolved` is not set (config/notifiers.go). Nested blocks such as
// `http_config` are not looked into.
#pragma once

#include <string_view>
#include <vector>

namespace sim::alertmanager {

// At least one of `fields` set in the integration, or one of `global_fields` in `global:`.
struct IntegrationRequirement {
    std::vector<std::string_view> fields;
    std::vector<std::string_view> global_fields;
    std::string_view message;  // Alertmanager's, when none is set
};

struct IntegrationType {
    std::string_view key;  // the receiver's list, e.g. "webhook_configs"
    bool sends_resolved_by_default = false;
    std::vector<std::string_view> fields;  // every field it may have, `send_resolved` included
    std::vector<IntegrationRequirement> requirements;
};

const std::vector<IntegrationType>& integration_types();

// The fields whose values Alertmanager checks beyond being text (URLs, host:port, booleans).
enum class FieldKind { Text, Url, SecretUrl, HostPort, Bool };

// The kind of `field` in an integration (`owner` its list, e.g. "webhook_configs") or in
// `global:` (`owner` "global").
FieldKind field_kind(std::string_view owner, std::string_view field);

}  // namespace sim::alertmanager
