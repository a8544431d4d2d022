// The deployment profile: every rate, size, interval, timeout, breaker parameter and budget the
// model uses. Loaded from YAML (models/profiles/default.yaml documents each value's source); every
// field is also addressable by its dotted key (`gateway.sts_timeout`) for what-if overrides.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "models/platform/service.hpp"
#include "sim/base/time.hpp"

namespace caracal {

using sim::Duration;

struct Profile {
    struct Prometheus {
        Duration scrape_interval = Duration::seconds(30);
        Duration scrape_timeout = Duration::seconds(10);
        Duration evaluation_interval = Duration::seconds(30);
        Duration lookback_delta = Duration::minutes(5);
        std::int64_t jitter_seed = 1;
        // Whether NotReady pods stay scrape targets: endpoints discovery lists not-ready addresses
        // and a ServiceMonitor keeps them unless it relabels on __meta_kubernetes_endpoint_ready.
        bool scrape_not_ready_endpoints = true;
        // The services whose /metrics answers 401 to the ServiceMonitor's scrapes: they require a
        // bearer token and the ServiceMonitor presents none.
        std::vector<Service> scrape_unauthorized{Service::Coordinator};
    } prometheus;

    struct Kubernetes {
        Duration probe_period = Duration::seconds(10);
        Duration probe_timeout = Duration::seconds(1);
        std::int64_t probe_failure_threshold = 3;
        std::int64_t probe_success_threshold = 1;
        std::string namespace_name = "caracal";
    } kubernetes;

    // What each service's GET /ready checks ("postgres", "redis", "sts"), in order.
    struct Readiness {
        std::vector<std::string> api{"postgres", "redis"};
        std::vector<std::string> sts{"postgres", "redis"};
        std::vector<std::string> gateway{"postgres", "redis", "sts"};
        std::vector<std::string> audit{"postgres", "redis"};
        std::vector<std::string> coordinator{"postgres", "redis"};
    } readiness;

    struct Replicas {
        std::int64_t api = 2, sts = 2, gateway = 2, audit = 2, coordinator = 2;
    } replicas;

    struct Traffic {
        double gateway_requests_per_second = 20;
        double provider_backed_share = 0.3;
        double admin_writes_per_second = 0.2;
        double coordinator_events_per_second = 0.5;
        double rate_noise = 0.25;
    } traffic;

    struct Postgres {
        std::int64_t pool_size = 10;
        Duration acquire_timeout = Duration::seconds(5);
        Duration query_time = Duration::millis(5);
        Duration hang_timeout = Duration::seconds(30);
        Duration failover_down = Duration::seconds(20);
        Duration failover_up = Duration::seconds(40);
    } postgres;

    struct Redis {
        Duration command_timeout = Duration::seconds(1);
        std::map<std::string, std::int64_t> maxlen;
    } redis;

    struct Api {
        Duration outbox_poll_interval = Duration::millis(250);
        std::int64_t outbox_batch = 32;
        std::int64_t outbox_max_attempts = 100;
        Duration outbox_backoff_cap = Duration::seconds(60);
        double outbox_backoff_jitter = 0.3;
        std::int64_t ready_outbox_dead_max = 0;
        Duration metrics_query_timeout = Duration::seconds(5);
    } api;

    struct Sts {
        Duration opa_poll = Duration::seconds(60);
        Duration exchange_time = Duration::millis(20);
        double auth_code_share = 0.5;
        std::int64_t provider_failure_limit = 5;
        Duration provider_failure_window = Duration::minutes(5);
        Duration provider_circuit_open = Duration::seconds(30);
        Duration provider_result_ttl = Duration::seconds(5);
        Duration revocation_poll = Duration::seconds(1);
        std::int64_t replay_event_bytes = 512;
    } sts;

    struct Gateway {
        Duration sts_timeout = Duration::seconds(5);
        std::int64_t sts_breaker_failures = 3;
        Duration sts_breaker_open = Duration::seconds(10);
        Duration jwks_ttl = Duration::minutes(5);
        double resource_mandate_share = 0.5;
        Duration revocation_reload_interval = Duration::seconds(30);
        Duration snapshot_stale_after = Duration::seconds(70);
        Duration revocation_reload_hang = Duration::minutes(15);
        Duration revocation_poll = Duration::seconds(1);
        std::int64_t db_max_conns = 20;
        std::int64_t replay_event_bytes = 512;
        bool audit_dropped_counter = false;  // exports caracal_gateway_audit_dropped_total (a later release)
    } gateway;

    struct Audit {
        Duration consumer_poll = Duration::seconds(1);
        std::int64_t consumer_batch = 100;
        Duration write_time = Duration::millis(2);
        std::int64_t max_deliveries = 8;
        Duration claim_min_idle = Duration::seconds(30);
        Duration claim_interval = Duration::seconds(30);
        Duration lag_poll_interval = Duration::seconds(30);
        Duration tamper_sweep_interval = Duration::hours(1);
        Duration tamper_window = Duration::hours(4);
        Duration tamper_full_window = Duration::hours(365 * 24);
        std::int64_t ready_dlq_max = 0;
        std::int64_t ready_lag_max = 0;
        Duration ready_pel_oldest_max = Duration::seconds(0);
    } audit;

    struct Coordinator {
        Duration outbox_poll_interval = Duration::seconds(1);
        std::int64_t outbox_batch = 50;
        std::int64_t outbox_max_attempts = 10;
        Duration metrics_cache = Duration::seconds(15);
    } coordinator;

    // One kind of routine disturbance (models/scenario/routine_disturbances.hpp): Poisson arrivals
    // at `per_week`, each lasting a uniform draw in [shortest, longest].
    struct Disturbance {
        double per_week = 0;
        Duration shortest = Duration::seconds(1), longest = Duration::seconds(1);
    };
    struct Disturbances {
        Disturbance rolling_deploy;     // per service; the duration is one old pod's drain after preStop
        Disturbance pod_eviction;       // one pod of a service gone until rescheduled
        Disturbance node_drain;         // one pod of every service gone until rescheduled
        Disturbance redis_failover;     // Redis refuses connections
        Disturbance postgres_failover;  // Postgres flaps as failover_down/failover_up say
        Disturbance network_blip;       // one service's path to one dependency drops packets
        Disturbance slow_queries;       // every Postgres query takes slow_query_added longer
        Disturbance process_pause;      // a consumer group stalls (GC or CPU-throttle pause)
        Disturbance traffic_surge;      // protected traffic at surge_multiplier
        std::int64_t max_surge = 1;     // rolling update: pods started above the replica count
        std::int64_t max_unavailable = 0;  // rolling update: pods below it
        Duration pre_stop_sleep;        // a terminating pod's preStop sleep
        Duration termination_grace = Duration::seconds(30);  // the longest an old pod drains
        Duration slow_query_added = Duration::millis(200);
        double surge_multiplier = 2;

        // Each kind's profile name (`disturbances.<name>.per_week`) and member, in profile order.
        static const std::vector<std::pair<std::string, Disturbance Disturbances::*>>& kinds();
    } disturbances;

    std::int64_t maxlen(const std::string& stream) const;
    bool scrape_unauthorized(Service s) const;

    // Sets one field from text by dotted key. Throws std::invalid_argument naming the problem
    // (unknown key — with the list of valid ones — or a value of the wrong kind).
    void set(const std::string& key, const std::string& value);
    // The field's value as text, in the form `set` accepts.
    std::string get(const std::string& key) const;
    // Every settable key, in profile order.
    static std::vector<std::string> keys();
};

// Loads a profile file over the built-in defaults (default_profile(), i.e. the embedded
// models/profiles/default.yaml; the member initialisers above only seed that file's parse):
// every key must be known. Throws
// sim::InputError with file, line and column.
Profile load_profile(const std::string& path);
Profile load_profile_text(const std::string& text, const std::string& file_name);

}  // namespace caracal
