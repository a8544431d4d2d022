#include "sim/alertmanager/integrations.hpp"

#include <algorithm>
#include <tuple>

namespace sim::alertmanager {

const std::vector<IntegrationType>& integration_types() {
    static const std::vector<IntegrationType> types{
        {"discord_configs", true, {"send_resolved", "http_config", "webhook_url", "title", "message"},
         {{{"webhook_url"}, {}, "no discord webhook URL provided"}}},
        {"email_configs", false,
         {"send_resolved", "to", "from", "hello", "smarthost", "auth_username", "auth_password", "auth_password_file",
          "auth_secret", "auth_identity", "headers", "html", "text", "require_tls", "tls_config"},
         {{{"to"}, {}, "missing to address in email config"},
          {{"smarthost"}, {"smtp_smarthost"}, "no global SMTP smarthost set"},
          {{"from"}, {"smtp_from"}, "no global SMTP from set"}}},
        {"pagerduty_configs", true,
         {"send_resolved", "http_config", "service_key", "service_key_file", "routing_key", "routing_key_file", "url",
          "client", "client_url", "description", "details", "images", "links", "source", "severity", "class",
          "component", "group"},
         {{{"routing_key", "routing_key_file", "service_key", "service_key_file"}, {},
           "missing service or routing key in PagerDuty config"}}},
        {"slack_configs", false,
         {"send_resolved", "http_config", "api_url", "api_url_file", "channel", "username", "color", "title",
          "title_link", "pretext", "text", "fields", "short_fields", "footer", "fallback", "callback_id", "icon_emoji",
          "icon_url", "image_url", "thumb_url", "link_names", "mrkdwn_in", "actions"},
         {{{"api_url", "api_url_file"}, {"slack_api_url", "slack_api_url_file"},
           "no global Slack API URL set either inline or in a file"}}},
        {"webhook_configs", true, {"send_resolved", "http_config", "url", "max_alerts"},
         {{{"url"}, {}, "missing URL in webhook config"}}},
        {"opsgenie_configs", true,
         {"send_resolved", "http_config", "api_key", "api_key_file", "api_url", "message", "description", "source",
          "details", "entity", "responders", "actions", "tags", "note", "priority", "update_alerts"},
         {{{"api_key", "api_key_file"}, {"opsgenie_api_key", "opsgenie_api_key_file"},
           "no global OpsGenie API Key set either inline or in a file"}}},
        {"wechat_configs", false,
         {"send_resolved", "http_config", "api_secret", "corp_id", "message", "api_url", "to_user", "to_party",
          "to_tag", "agent_id", "message_type"},
         {{{"api_secret"}, {"wechat_api_secret"}, "no global Wechat ApiSecret set"},
          {{"corp_id"}, {"wechat_api_corp_id"}, "no global Wechat CorpID set"}}},
        {"pushover_configs", true,
         {"send_resolved", "http_config", "user_key", "token", "title", "message", "url", "url_title", "sound",
          "priority", "retry", "expire", "html"},
         {{{"user_key"}, {}, "missing user key in Pushover config"}, {{"token"}, {}, "missing token in Pushover config"}}},
        {"victorops_configs", true,
         {"send_resolved", "http_config", "api_key", "api_key_file", "api_url", "routing_key", "message_type",
          "state_message", "entity_display_name", "monitoring_tool", "custom_fields"},
         {{{"routing_key"}, {}, "missing Routing key in VictorOps config"},
          {{"api_key", "api_key_file"}, {"victorops_api_key", "victorops_api_key_file"}, "no global VictorOps API Key set"}}},
        {"sns_configs", true,
         {"send_resolved", "http_config", "api_url", "sigv4", "topic_arn", "phone_number", "target_arn", "subject",
          "message", "attributes"},
         {{{"topic_arn", "phone_number", "target_arn"}, {},
           "must provide either a Target ARN, Topic ARN, or Phone Number for SNS config"}}},
        {"telegram_configs", true,
         {"send_resolved", "http_config", "api_url", "bot_token", "chat_id", "message", "disable_notifications",
          "parse_mode"},
         {{{"bot_token"}, {}, "missing bot_token on telegram_config"}, {{"chat_id"}, {}, "missing chat_id on telegram_config"}}},
        {"webex_configs", true, {"send_resolved", "http_config", "api_url", "message", "room_id"},
         {{{"room_id"}, {}, "missing room_id on webex_config"}}},
    };
    return types;
}

FieldKind field_kind(std::string_view owner, std::string_view field) {
    using K = FieldKind;
    // `send_resolved` is a boolean in every integration; the rest as config.go and notifiers.go type them.
    static const std::vector<std::tuple<std::string_view, std::string_view, FieldKind>> kinds{
        {"global", "slack_api_url", K::SecretUrl},     {"global", "pagerduty_url", K::Url},
        {"global", "opsgenie_api_url", K::Url},         {"global", "wechat_api_url", K::Url},
        {"global", "victorops_api_url", K::Url},        {"global", "telegram_api_url", K::Url},
        {"global", "webex_api_url", K::Url},            {"global", "smtp_smarthost", K::HostPort},
        {"global", "smtp_require_tls", K::Bool},        {"discord_configs", "webhook_url", K::SecretUrl},
        {"email_configs", "smarthost", K::HostPort},    {"email_configs", "require_tls", K::Bool},
        {"pagerduty_configs", "url", K::Url},           {"slack_configs", "api_url", K::SecretUrl},
        {"slack_configs", "short_fields", K::Bool},     {"slack_configs", "link_names", K::Bool},
        {"webhook_configs", "url", K::Url},             {"wechat_configs", "api_url", K::Url},
        {"opsgenie_configs", "api_url", K::Url},        {"opsgenie_configs", "update_alerts", K::Bool},
        {"victorops_configs", "api_url", K::Url},       {"pushover_configs", "html", K::Bool},
        {"telegram_configs", "api_url", K::Url},        {"telegram_configs", "disable_notifications", K::Bool},
        {"webex_configs", "api_url", K::Url},
    };
    if (field == "send_resolved" && owner != "global") return K::Bool;
    const auto it = std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) {
        return std::get<0>(k) == owner && std::get<1>(k) == field;
    });
    return it == kinds.end() ? K::Text : std::get<2>(*it);
}

}  // namespace sim::alertmanager
