// STS (/services/sts/): token exchanges for the Gateway (Postgres lookup, policy decision, optional
// brokered provider credential), the policy bundle (caracal.policy.invalidate + an
// OPA_POLL_SECONDS poll; a bundle that fails to compile is rejected and the last good one stays),
// provider credential refresh behind a circuit breaker, the revocation consumer, and audit emission
// with a replay volume. /ready: Postgres, Redis (documented [older] readiness) — see MODEL.md.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "models/platform/circuit_breaker.hpp"
#include "models/kube/per_pod.hpp"
#include "models/services/replay_volume.hpp"
#include "models/services/service_model.hpp"
#include "models/services/stream_consumer.hpp"

namespace caracal {

enum class ExchangeResult { Issued, DeniedProvider, Error };
inline constexpr std::array<ExchangeResult, 3> kExchangeResults{ExchangeResult::Issued, ExchangeResult::DeniedProvider,
                                                                ExchangeResult::Error};

class StsService : public ServiceModel {
public:
    explicit StsService(WorldContext& ctx);

    void start(Pod& pod) override;
    ProbeOutcome ready_check(const Pod& pod, sim::Time now) const override;

    // One token exchange on `pod`; `done(ExchangeResult)` runs when the STS answers (never, if
    // the pod stops). A template so that `done` travels inside the Postgres callback itself
    // instead of in a std::function of its own: every gateway request makes an exchange. The
    // callback carries only the pod's state, the flag and `done`, so that with the pool it fits
    // the event callback's inline buffer when `done` takes at most 24 bytes.
    template <typename Done>
    void exchange(Pod& pod, bool provider_backed, Done done) {
        PodState* s = &state_[pod];
        ctx_.postgres.query(
            pod,
            [s, provider_backed, done = std::move(done)](bool ok) mutable {
                if (const auto r = s->service->answer(*s, provider_backed, ok)) done(*r);
            },
            ctx_.profile.sts.exchange_time);
    }

    // Faults.
    void pause_distribution(bool paused) { distribution_paused_ = paused; }
    void set_provider_credential_valid(bool valid) { credential_valid_ = valid; }

    std::int64_t active_policy(const Pod& pod) const { return state_[pod].active_version; }
    const CircuitBreaker& provider_breaker(const Pod& pod) const { return state_[pod].breaker; }
    const AuditEmitter& emitter(const Pod& pod) const { return *state_[pod].emitter; }

private:
    struct PodState {
        PodState(StsService& owner, Pod& p, CircuitBreakerConfig c) : service(&owner), pod(&p), breaker(c) {}
        StsService* service;  // with `pod`, what an exchange callback needs besides this state
        Pod* pod;
        std::int64_t active_version = 1;
        sim::Time last_sync_ok;
        CircuitBreaker breaker;
        std::unique_ptr<AuditEmitter> emitter;
        std::unique_ptr<StreamConsumer> invalidations;
        std::unique_ptr<StreamConsumer> revocations;
        sim::scrape::Registry::Counter* compile_errors = nullptr;
        sim::scrape::Registry::Counter* refresh_errors = nullptr;
        std::array<sim::scrape::Registry::Counter*, kExchangeResults.size()> exchanges{};  // by ExchangeResult
    };

    void sync_policy(Pod& pod);
    void refresh_provider(Pod& pod);
    // An exchange's outcome once its Postgres lookup ended with `ok`, counted and audited;
    // nullopt when the pod stopped meanwhile (it never answers).
    std::optional<ExchangeResult> answer(PodState& s, bool provider_backed, bool ok);

    PerPod<PodState> state_;
    bool distribution_paused_ = false;
    bool credential_valid_ = true;
};

}  // namespace caracal
