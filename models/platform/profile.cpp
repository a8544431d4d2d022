#include "models/platform/profile.hpp"

#include "models/platform/default_profile.hpp"
#include "models/platform/yaml_key.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

#include "sim/alerting/yaml_merge_keys.hpp"
#include "sim/base/error.hpp"
#include "sim/base/input_file.hpp"

namespace caracal {

namespace {


// One table drives loading and `set`, so a new field is one line. Nested members are reached
// through a getter because C++ has no pointer-to-nested-member.
struct FieldRef {
    std::string key;
    std::function<void(Profile&, const std::string&)> assign;
    std::function<std::string(const Profile&)> read;
};

Duration parse_duration_or_throw(const std::string& text) {
    auto d = sim::parse_duration(text);
    if (!d) throw std::invalid_argument("expected a duration like 30s or 1m30s, got \"" + text + "\"");
    return *d;
}

bool parse_bool_or_throw(const std::string& text) {
    if (text == "true") return true;
    if (text == "false") return false;
    throw std::invalid_argument("expected true or false, got \"" + text + "\"");
}

std::int64_t parse_int_or_throw(const std::string& text) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || v < 0)
        throw std::invalid_argument("expected a non-negative integer, got \"" + text + "\"");
    return v;
}

double parse_double_or_throw(const std::string& text) {
    double v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || !(v >= 0))
        throw std::invalid_argument("expected a non-negative number, got \"" + text + "\"");
    return v;
}

// "a,b" (the form `--set` and YAML sequences are both reduced to), each item one of `known`.
// Empty: none.
std::vector<std::string> parse_items_or_throw(const std::string& text, const std::vector<std::string>& known,
                                              const std::string& what) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        const std::size_t comma = text.find(',', start);
        std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (std::find(known.begin(), known.end(), item) == known.end())
            throw std::invalid_argument("expected " + what + ", got \"" + item + "\"");
        out.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

std::vector<std::string> parse_list_or_throw(const std::string& text) {
    return parse_items_or_throw(text, {"postgres", "redis", "sts"}, "a dependency (postgres, redis, sts)");
}

std::vector<Service> parse_services_or_throw(const std::string& text) {
    std::vector<std::string> known;
    for (Service s : kServices) known.emplace_back(name(s));
    std::vector<Service> out;
    for (const auto& item : parse_items_or_throw(text, known, "a service (api, sts, gateway, audit, coordinator)"))
        out.push_back(kServices[std::find(known.begin(), known.end(), item) - known.begin()]);
    return out;
}

// A field reached through `access`, a generic lambda giving the member of a (const) Profile.
template <typename T, typename Access>
FieldRef field_at(std::string key, Access access) {
    return FieldRef{std::move(key), [access](Profile& p, const std::string& text) {
                        T& target = access(p);
                        if constexpr (std::is_same_v<T, Duration>)
                            target = parse_duration_or_throw(text);
                        else if constexpr (std::is_same_v<T, bool>)
                            target = parse_bool_or_throw(text);
                        else if constexpr (std::is_same_v<T, std::int64_t>)
                            target = parse_int_or_throw(text);
                        else if constexpr (std::is_same_v<T, double>)
                            target = parse_double_or_throw(text);
                        else if constexpr (std::is_same_v<T, std::vector<std::string>>)
                            target = parse_list_or_throw(text);
                        else if constexpr (std::is_same_v<T, std::vector<Service>>)
                            target = parse_services_or_throw(text);
                        else
                            target = text;
                    },
                    [access](const Profile& p) -> std::string {
                        const T& value = access(p);
                        if constexpr (std::is_same_v<T, Duration>)
                            return sim::format_duration(value);
                        else if constexpr (std::is_same_v<T, bool>)
                            return value ? "true" : "false";
                        else if constexpr (std::is_same_v<T, std::int64_t>)
                            return std::to_string(value);
                        else if constexpr (std::is_same_v<T, double>) {
                            std::ostringstream out;
                            out << value;
                            return out.str();
                        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                            std::string joined;
                            for (const auto& item : value) joined += (joined.empty() ? "" : ",") + item;
                            return joined;
                        } else if constexpr (std::is_same_v<T, std::vector<Service>>) {
                            std::string joined;
                            for (Service item : value) joined.append(joined.empty() ? "" : ",").append(name(item));
                            return joined;
                        } else
                            return value;
                    }};
}

template <typename Section, typename T>
FieldRef field(std::string key, Section Profile::*section, T Section::*member) {
    return field_at<T>(std::move(key), [section, member](auto& p) -> auto& { return p.*section.*member; });
}

// The three keys of one routine disturbance: `disturbances.<kind>.{per_week,shortest,longest}`.
void add_disturbance_fields(std::vector<FieldRef>& table, const std::string& kind,
                            Profile::Disturbance Profile::Disturbances::*which) {
    const std::string prefix = "disturbances." + kind + ".";
    table.push_back(field_at<double>(prefix + "per_week", [which](auto& p) -> auto& { return (p.disturbances.*which).per_week; }));
    table.push_back(field_at<Duration>(prefix + "shortest", [which](auto& p) -> auto& { return (p.disturbances.*which).shortest; }));
    table.push_back(field_at<Duration>(prefix + "longest", [which](auto& p) -> auto& { return (p.disturbances.*which).longest; }));
}

std::vector<FieldRef> make_fields() {
    using P = Profile;
    std::vector<FieldRef> table = {
        field("prometheus.scrape_interval", &P::prometheus, &P::Prometheus::scrape_interval),
        field("prometheus.scrape_timeout", &P::prometheus, &P::Prometheus::scrape_timeout),
        field("prometheus.evaluation_interval", &P::prometheus, &P::Prometheus::evaluation_interval),
        field("prometheus.lookback_delta", &P::prometheus, &P::Prometheus::lookback_delta),
        field("prometheus.jitter_seed", &P::prometheus, &P::Prometheus::jitter_seed),
        field("prometheus.scrape_not_ready_endpoints", &P::prometheus, &P::Prometheus::scrape_not_ready_endpoints),
        field("prometheus.scrape_unauthorized", &P::prometheus, &P::Prometheus::scrape_unauthorized),
        field("kubernetes.probe_period", &P::kubernetes, &P::Kubernetes::probe_period),
        field("kubernetes.probe_timeout", &P::kubernetes, &P::Kubernetes::probe_timeout),
        field("kubernetes.probe_failure_threshold", &P::kubernetes, &P::Kubernetes::probe_failure_threshold),
        field("kubernetes.probe_success_threshold", &P::kubernetes, &P::Kubernetes::probe_success_threshold),
        field("kubernetes.namespace", &P::kubernetes, &P::Kubernetes::namespace_name),
        field("readiness.api", &P::readiness, &P::Readiness::api),
        field("readiness.sts", &P::readiness, &P::Readiness::sts),
        field("readiness.gateway", &P::readiness, &P::Readiness::gateway),
        field("readiness.audit", &P::readiness, &P::Readiness::audit),
        field("readiness.coordinator", &P::readiness, &P::Readiness::coordinator),
        field("replicas.api", &P::replicas, &P::Replicas::api),
        field("replicas.sts", &P::replicas, &P::Replicas::sts),
        field("replicas.gateway", &P::replicas, &P::Replicas::gateway),
        field("replicas.audit", &P::replicas, &P::Replicas::audit),
        field("replicas.coordinator", &P::replicas, &P::Replicas::coordinator),
        field("traffic.gateway_requests_per_second", &P::traffic, &P::Traffic::gateway_requests_per_second),
        field("traffic.provider_backed_share", &P::traffic, &P::Traffic::provider_backed_share),
        field("traffic.admin_writes_per_second", &P::traffic, &P::Traffic::admin_writes_per_second),
        field("traffic.coordinator_events_per_second", &P::traffic, &P::Traffic::coordinator_events_per_second),
        field("traffic.rate_noise", &P::traffic, &P::Traffic::rate_noise),
        field("postgres.pool_size", &P::postgres, &P::Postgres::pool_size),
        field("postgres.acquire_timeout", &P::postgres, &P::Postgres::acquire_timeout),
        field("postgres.query_time", &P::postgres, &P::Postgres::query_time),
        field("postgres.hang_timeout", &P::postgres, &P::Postgres::hang_timeout),
        field("postgres.failover_down", &P::postgres, &P::Postgres::failover_down),
        field("postgres.failover_up", &P::postgres, &P::Postgres::failover_up),
        field("redis.command_timeout", &P::redis, &P::Redis::command_timeout),
        field("api.outbox_poll_interval", &P::api, &P::Api::outbox_poll_interval),
        field("api.outbox_batch", &P::api, &P::Api::outbox_batch),
        field("api.outbox_max_attempts", &P::api, &P::Api::outbox_max_attempts),
        field("api.outbox_backoff_cap", &P::api, &P::Api::outbox_backoff_cap),
        field("api.outbox_backoff_jitter", &P::api, &P::Api::outbox_backoff_jitter),
        field("api.ready_outbox_dead_max", &P::api, &P::Api::ready_outbox_dead_max),
        field("api.metrics_query_timeout", &P::api, &P::Api::metrics_query_timeout),
        field("sts.opa_poll", &P::sts, &P::Sts::opa_poll),
        field("sts.exchange_time", &P::sts, &P::Sts::exchange_time),
        field("sts.auth_code_share", &P::sts, &P::Sts::auth_code_share),
        field("sts.provider_failure_limit", &P::sts, &P::Sts::provider_failure_limit),
        field("sts.provider_failure_window", &P::sts, &P::Sts::provider_failure_window),
        field("sts.provider_circuit_open", &P::sts, &P::Sts::provider_circuit_open),
        field("sts.provider_result_ttl", &P::sts, &P::Sts::provider_result_ttl),
        field("sts.revocation_poll", &P::sts, &P::Sts::revocation_poll),
        field("sts.replay_event_bytes", &P::sts, &P::Sts::replay_event_bytes),
        field("gateway.sts_timeout", &P::gateway, &P::Gateway::sts_timeout),
        field("gateway.sts_breaker_failures", &P::gateway, &P::Gateway::sts_breaker_failures),
        field("gateway.sts_breaker_open", &P::gateway, &P::Gateway::sts_breaker_open),
        field("gateway.jwks_ttl", &P::gateway, &P::Gateway::jwks_ttl),
        field("gateway.resource_mandate_share", &P::gateway, &P::Gateway::resource_mandate_share),
        field("gateway.revocation_reload_interval", &P::gateway, &P::Gateway::revocation_reload_interval),
        field("gateway.snapshot_stale_after", &P::gateway, &P::Gateway::snapshot_stale_after),
        field("gateway.revocation_reload_hang", &P::gateway, &P::Gateway::revocation_reload_hang),
        field("gateway.revocation_poll", &P::gateway, &P::Gateway::revocation_poll),
        field("gateway.db_max_conns", &P::gateway, &P::Gateway::db_max_conns),
        field("gateway.replay_event_bytes", &P::gateway, &P::Gateway::replay_event_bytes),
        field("gateway.audit_dropped_counter", &P::gateway, &P::Gateway::audit_dropped_counter),
        field("audit.consumer_poll", &P::audit, &P::Audit::consumer_poll),
        field("audit.consumer_batch", &P::audit, &P::Audit::consumer_batch),
        field("audit.write_time", &P::audit, &P::Audit::write_time),
        field("audit.max_deliveries", &P::audit, &P::Audit::max_deliveries),
        field("audit.claim_min_idle", &P::audit, &P::Audit::claim_min_idle),
        field("audit.claim_interval", &P::audit, &P::Audit::claim_interval),
        field("audit.lag_poll_interval", &P::audit, &P::Audit::lag_poll_interval),
        field("audit.tamper_sweep_interval", &P::audit, &P::Audit::tamper_sweep_interval),
        field("audit.tamper_window", &P::audit, &P::Audit::tamper_window),
        field("audit.tamper_full_window", &P::audit, &P::Audit::tamper_full_window),
        field("audit.ready_dlq_max", &P::audit, &P::Audit::ready_dlq_max),
        field("audit.ready_lag_max", &P::audit, &P::Audit::ready_lag_max),
        field("audit.ready_pel_oldest_max", &P::audit, &P::Audit::ready_pel_oldest_max),
        field("coordinator.outbox_poll_interval", &P::coordinator, &P::Coordinator::outbox_poll_interval),
        field("coordinator.outbox_batch", &P::coordinator, &P::Coordinator::outbox_batch),
        field("coordinator.outbox_max_attempts", &P::coordinator, &P::Coordinator::outbox_max_attempts),
        field("coordinator.metrics_cache", &P::coordinator, &P::Coordinator::metrics_cache),
        field("disturbances.max_surge", &P::disturbances, &P::Disturbances::max_surge),
        field("disturbances.max_unavailable", &P::disturbances, &P::Disturbances::max_unavailable),
        field("disturbances.pre_stop_sleep", &P::disturbances, &P::Disturbances::pre_stop_sleep),
        field("disturbances.termination_grace", &P::disturbances, &P::Disturbances::termination_grace),
        field("disturbances.slow_query_added", &P::disturbances, &P::Disturbances::slow_query_added),
        field("disturbances.surge_multiplier", &P::disturbances, &P::Disturbances::surge_multiplier),
    };
    for (const auto& [kind, which] : Profile::Disturbances::kinds()) add_disturbance_fields(table, kind, which);
    return table;
}

const std::vector<FieldRef>& fields() {
    static const std::vector<FieldRef> table = make_fields();
    return table;
}

const FieldRef* find_field(const std::string& key) {
    for (const auto& f : fields())
        if (f.key == key) return &f;
    return nullptr;
}

sim::SourcePos pos_of(const YAML::Node& n) { return {n.Mark().line + 1, n.Mark().column + 1}; }

// A disturbance's duration bounds, once its mapping is read: 0 < shortest <= longest.
void check_disturbance(const Profile& p, const std::string& key, const YAML::Node& node, const std::string& file) {
    for (const auto& [kind, which] : Profile::Disturbances::kinds()) {
        if (key != "disturbances." + kind) continue;
        const Profile::Disturbance& d = p.disturbances.*which;
        if (d.shortest <= Duration() || d.longest < d.shortest)
            throw sim::InputError(file, pos_of(node), key + ": expected 0s < shortest <= longest, got shortest " +
                                                          sim::format_duration(d.shortest) + ", longest " +
                                                          sim::format_duration(d.longest));
    }
}

void load_node(Profile& p, const YAML::Node& node, const std::string& prefix, const std::string& file) {
    if (!node.IsMap()) throw sim::InputError(file, pos_of(node), "expected a mapping under \"" + prefix + "\"");
    for (const auto& kv : node) {
        const std::string name = yaml_key(kv.first, file);
        const std::string key = prefix.empty() ? name : prefix + "." + name;
        const YAML::Node& value = kv.second;
        if (key == "redis.maxlen") {
            if (!value.IsMap()) throw sim::InputError(file, pos_of(value), "expected a mapping of stream name to MAXLEN");
            for (const auto& s : value) {
                try {
                    p.redis.maxlen[s.first.as<std::string>()] = parse_int_or_throw(s.second.as<std::string>());
                } catch (const std::exception& e) {
                    throw sim::InputError(file, pos_of(s.second), e.what());
                }
            }
            continue;
        }
        if (value.IsMap()) {
            load_node(p, value, key, file);
            check_disturbance(p, key, value, file);
            continue;
        }
        const FieldRef* f = find_field(key);
        if (!f) throw sim::InputError(file, pos_of(kv.first), "unknown profile key \"" + key + "\"");
        if (value.IsSequence()) {
            std::string joined;
            for (const auto& item : value) {
                if (!item.IsScalar()) throw sim::InputError(file, pos_of(item), "expected a dependency name");
                joined += (joined.empty() ? "" : ",") + item.as<std::string>();
            }
            try {
                f->assign(p, joined);
            } catch (const std::invalid_argument& e) {
                throw sim::InputError(file, pos_of(value), key + ": " + e.what());
            }
            continue;
        }
        if (!value.IsScalar()) throw sim::InputError(file, pos_of(value), "expected a scalar value for \"" + key + "\"");
        try {
            f->assign(p, value.as<std::string>());
        } catch (const std::invalid_argument& e) {
            throw sim::InputError(file, pos_of(value), key + ": " + e.what());
        }
    }
}

}  // namespace

const std::vector<std::pair<std::string, Profile::Disturbance Profile::Disturbances::*>>& Profile::Disturbances::kinds() {
    using D = Profile::Disturbances;
    static const std::vector<std::pair<std::string, Disturbance D::*>> table = {
        {"rolling_deploy", &D::rolling_deploy},       {"pod_eviction", &D::pod_eviction},
        {"node_drain", &D::node_drain},               {"redis_failover", &D::redis_failover},
        {"postgres_failover", &D::postgres_failover}, {"network_blip", &D::network_blip},
        {"slow_queries", &D::slow_queries},           {"process_pause", &D::process_pause},
        {"traffic_surge", &D::traffic_surge},
    };
    return table;
}

bool Profile::scrape_unauthorized(Service s) const {
    const auto& list = prometheus.scrape_unauthorized;
    return std::find(list.begin(), list.end(), s) != list.end();
}

std::int64_t Profile::maxlen(const std::string& stream) const {
    auto it = redis.maxlen.find(stream);
    return it == redis.maxlen.end() ? 0 : it->second;
}

void Profile::set(const std::string& key, const std::string& value) {
    const FieldRef* f = find_field(key);
    if (!f) {
        std::string valid;
        for (const auto& k : keys()) valid += (valid.empty() ? "" : ", ") + k;
        throw std::invalid_argument("unknown profile key \"" + key + "\" (valid: " + valid + ")");
    }
    f->assign(*this, value);
}

std::string Profile::get(const std::string& key) const {
    const FieldRef* f = find_field(key);
    if (!f) throw std::invalid_argument("unknown profile key \"" + key + "\"");
    return f->read(*this);
}

std::vector<std::string> Profile::keys() {
    std::vector<std::string> out;
    for (const auto& f : fields()) out.push_back(f.key);
    return out;
}

namespace {

Profile load_over(Profile p, const std::string& text, const std::string& file_name) {
    YAML::Node root;
    try {
        root = YAML::Load(text);
        sim::alerting::resolve_merge_keys(root);
    } catch (const YAML::Exception& e) {
        throw sim::InputError(file_name, {e.mark.line + 1, e.mark.column + 1}, "invalid YAML: " + e.msg);
    }
    if (root.IsNull()) return p;
    load_node(p, root, "", file_name);
    return p;
}

}  // namespace

const Profile& default_profile() {
    static const Profile built_in = load_over(Profile{}, kDefaultProfileText, kDefaultProfileFile);
    return built_in;
}

Profile load_profile_text(const std::string& text, const std::string& file_name) {
    return load_over(default_profile(), text, file_name);
}

Profile load_profile(const std::string& path) {
    return load_profile_text(sim::read_input_file(path, "cannot read profile file"), path);
}

}  // namespace caracal
