// Gateway (services/gateway at Caracal 46a980b6c): protected traffic, the revocation snapshot and
// stream, audit emission with a replay directory.
//
// A request, in the source's order (services/gateway/internal/proxy.go:114-260@46a980b6c):
// 1. JWKS signature check (jwks_cache.hpp): an expired entry is re-fetched from STS; a failed
//    fetch denies the request before the circuit;
// 2. the JTI replay check in Redis for non-session mandates, fail closed (jti.go:60-70);
// 3. the revocation lookup (in memory);
// 4. the STS circuit (circuit_breaker.hpp): open → 503 fast-fail;
// 5. one exchange, never retried, bounded by STS_TIMEOUT: connection refused or no endpoint → 502
//    STSUnavailable, timeout → 504 STSUnavailable (sts.go:120-183); only STSUnavailable with a
//    status >= 500 counts for the circuit (proxy.go:421-424);
// 6. an audit event only after a successful exchange (proxy.go:261-389).
// caracal_gateway_sts_exchange_errors_total counts every non-200 answer, transport error and
// fast-fail (proxy.go:237-259).
//
// Revocations (services/gateway/internal/revocations.go@46a980b6c): the snapshot is loaded from
// Postgres alone at start and every 30 s after, with no deadline (202-281); the loop is
// sequential, so a hung reload skips ticks. The stream group gateway-revocation is shared by the
// pods: each message reaches one pod, which sets the propagation gauge to apply − XADD time
// (373-377,464-478) and never decays it.
// /ready: Postgres, Redis, snapshot age <= 70 s, STS /health through the Service
// (server.go:201-241); the profile's readiness.gateway lists the dependencies.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "models/kube/per_pod.hpp"
#include "models/platform/circuit_breaker.hpp"
#include "models/platform/traffic.hpp"
#include "models/services/jwks_cache.hpp"
#include "models/services/replay_volume.hpp"
#include "models/services/service_model.hpp"
#include "models/services/stream_consumer.hpp"
#include "models/services/sts_service.hpp"

namespace caracal {

class GatewayService : public ServiceModel {
public:
    GatewayService(WorldContext& ctx, StsService& sts);

    void start(Pod& pod) override;
    void process_started(Pod& pod) override;
    ProbeOutcome ready_check(const Pod& pod, sim::Time now) const override;

    void set_load(double multiplier) { traffic_->set_multiplier(multiplier); }

    // Cluster-wide request outcomes, for behaviour checks and the report.
    struct Outcomes {
        std::uint64_t dispatched = 0;         // reached the upstream, after a successful exchange
        std::uint64_t denied_signature = 0;   // the JWKS could not be fetched
        std::uint64_t denied_jti = 0;         // the JTI check could not reach Redis
        std::uint64_t denied_exchange = 0;    // STS answered non-200, or the exchange failed or timed out
        std::uint64_t denied_circuit = 0;     // circuit open: rejected without an exchange
        std::uint64_t denied_provider = 0;    // STS could not provide the brokered credential
        std::uint64_t rejected_unready = 0;   // no ready Gateway pod behind the Service
        std::uint64_t dispatched_without_exchange = 0;  // invariant: must stay 0
    };
    const Outcomes& outcomes() const { return outcomes_; }
    const CircuitBreaker& sts_breaker(const Pod& pod) const { return state_[pod].breaker; }
    const AuditEmitter& emitter(const Pod& pod) const { return *state_[pod].emitter; }

private:
    using Counter = sim::scrape::Registry::Counter;
    struct PodState {
        PodState(GatewayService& owner, Pod& p, CircuitBreakerConfig c, Duration jwks_ttl)
            : service(&owner), pod(&p), breaker(c), jwks(jwks_ttl) {}
        // So that an exchange callback carries only this state and its timeout: with the STS
        // and Postgres callbacks around it, it must fit the event callback's inline buffer.
        GatewayService* service;
        Pod* pod;
        CircuitBreaker breaker;
        JwksCache jwks;
        std::optional<sim::Time> last_reload_ok;
        bool reload_in_flight = false;
        std::unique_ptr<AuditEmitter> emitter;
        std::unique_ptr<StreamConsumer> revocations;
        Counter* exchanges = nullptr;  // twin-only: exchanges attempted, the ratio's denominator
        Counter* exchange_errors = nullptr;
        Counter* fast_fails = nullptr;
        Counter* reloads = nullptr;
        Counter* reload_errors = nullptr;
        Counter* messages = nullptr;
        sim::scrape::Registry::Gauge* propagation = nullptr;
        // caracal_gateway_requests_total by outcome (twin-only)
        Counter* dispatched = nullptr;
        Counter* denied_signature = nullptr;
        Counter* denied_jti = nullptr;
        Counter* denied_exchange = nullptr;
        Counter* denied_circuit = nullptr;
        Counter* denied_provider = nullptr;
    };

    void handle_request();
    // JWKS fetch through the STS Service: a ready STS pod that can read its keys from Postgres.
    bool fetch_jwks() const;
    void exchange(PodState& s, Credential credential);
    void finish_exchange(PodState& s, ExchangeResult r);
    void reload_snapshot(PodState& s);
    void reload_done(PodState& s, bool ok);
    // The snapshot's age as /metrics and /ready compute it; nullopt if never loaded.
    static std::optional<Duration> snapshot_age(const PodState& s, sim::Time now);
    bool snapshot_fresh(const PodState& s, sim::Time now) const;

    StsService& sts_;
    std::unique_ptr<Traffic> traffic_;
    sim::des::RngStream rng_;
    PerPod<PodState> state_;
    Outcomes outcomes_;
};

}  // namespace caracal
