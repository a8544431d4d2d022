// Gateway (/services/gateway/): protected traffic. Each request checks the revocation snapshot,
// then exchanges with STS (timeout, circuit breaker) and dispatches upstream only after a
// successful exchange — fail closed. The revocation snapshot is reloaded from Postgres (with the
// stream offset from Redis) on a period and kept current by the gateway-revocation consumer.
// Audit events go to the stream or the replay volume. /ready: Postgres and a reachable STS.
#pragma once

#include <cstdint>
#include <memory>

#include "models/platform/circuit_breaker.hpp"
#include "models/kube/per_pod.hpp"
#include "models/services/replay_volume.hpp"
#include "models/services/service_model.hpp"
#include "models/services/stream_consumer.hpp"
#include "models/services/sts_service.hpp"
#include "models/platform/traffic.hpp"

namespace caracal {

class GatewayService : public ServiceModel {
public:
    GatewayService(WorldContext& ctx, StsService& sts);

    void start(Pod& pod) override;
    ProbeOutcome ready_check(const Pod& pod, sim::Time now) const override;

    void set_load(double multiplier) { traffic_->set_multiplier(multiplier); }

    // Cluster-wide request outcomes, for behaviour checks and the report.
    struct Outcomes {
        std::uint64_t dispatched = 0;         // reached the upstream, after a successful exchange
        std::uint64_t denied_exchange = 0;    // the exchange failed or timed out: fail closed
        std::uint64_t denied_circuit = 0;     // breaker open: rejected without an exchange
        std::uint64_t denied_provider = 0;    // STS refused the brokered credential
        std::uint64_t rejected_unready = 0;   // no ready Gateway pod behind the Service
        std::uint64_t dispatched_without_exchange = 0;  // invariant: must stay 0
    };
    const Outcomes& outcomes() const { return outcomes_; }
    const CircuitBreaker& sts_breaker(const Pod& pod) const { return state_[pod].breaker; }
    const AuditEmitter& emitter(const Pod& pod) const { return *state_[pod].emitter; }

private:
    struct PodState {
        PodState(GatewayService& owner, CircuitBreakerConfig c) : service(&owner), breaker(c) {}
        // So that an exchange callback carries only this state and its timeout: with the STS
        // and Postgres callbacks around it, it must fit the event callback's inline buffer.
        GatewayService* service;
        CircuitBreaker breaker;
        sim::Time last_reload_ok;
        std::unique_ptr<AuditEmitter> emitter;
        std::unique_ptr<StreamConsumer> revocations;
        Duration lag;  // last propagation lag this pod could compute (frozen while Redis is away)
        sim::scrape::Registry::Counter* requests = nullptr;
        sim::scrape::Registry::Counter* exchange_errors = nullptr;
        // caracal_gateway_requests_total by outcome
        sim::scrape::Registry::Counter* dispatched = nullptr;
        sim::scrape::Registry::Counter* denied_exchange = nullptr;
        sim::scrape::Registry::Counter* denied_circuit = nullptr;
        sim::scrape::Registry::Counter* denied_provider = nullptr;
        sim::scrape::Registry::Counter* reload_errors = nullptr;
    };

    void handle_request();
    void exchange(PodState& s);
    void finish_exchange(PodState& s, bool ok, ExchangeResult r);
    void reload_snapshot(Pod& pod);

    StsService& sts_;
    std::unique_ptr<Traffic> traffic_;
    sim::des::RngStream rng_;
    PerPod<PodState> state_;
    Outcomes outcomes_;
};

}  // namespace caracal
