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
#include <unordered_map>

#include "models/circuit_breaker.hpp"
#include "models/replay_volume.hpp"
#include "models/service_model.hpp"
#include "models/stream_consumer.hpp"

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
    // instead of in a std::function of its own: every gateway request makes an exchange.
    template <typename Done>
    void exchange(Pod& pod, bool provider_backed, Done done) {
        ctx_.postgres.query(
            pod,
            [this, &pod, provider_backed, done = std::move(done)](bool ok) mutable {
                if (const auto r = answer(pod, provider_backed, ok)) done(*r);
            },
            ctx_.profile.sts.exchange_time);
    }

    // Faults.
    void pause_distribution(bool paused) { distribution_paused_ = paused; }
    void set_provider_credential_valid(bool valid) { credential_valid_ = valid; }

    std::int64_t active_policy(const Pod& pod) const { return state_.at(&pod)->active_version; }
    const CircuitBreaker& provider_breaker(const Pod& pod) const { return state_.at(&pod)->breaker; }
    const AuditEmitter& emitter(const Pod& pod) const { return *state_.at(&pod)->emitter; }

private:
    struct PodState {
        explicit PodState(CircuitBreakerConfig c) : breaker(c) {}
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
    std::optional<ExchangeResult> answer(Pod& pod, bool provider_backed, bool ok);

    // By pod identity: looked up on every request, never iterated.
    std::unordered_map<const Pod*, std::unique_ptr<PodState>> state_;
    bool distribution_paused_ = false;
    bool credential_valid_ = true;
};

}  // namespace caracal
