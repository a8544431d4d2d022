// STS (services/sts at Caracal 46a980b6c): token exchanges for the Gateway, the OPA policy bundle,
// brokered provider credentials, the revocation consumer, and audit emission with a replay
// directory. /ready: Postgres Ping, Redis PING (services/sts/internal/server.go:295-327@46a980b6c).
//
// An exchange, in the source's order (services/sts/internal/exchange.go@46a980b6c):
// 1. the Gateway nonce SETNX in Redis: a Redis failure answers 401, no audit event (99-103,143-160);
// 2. app authentication against Postgres: a failure answers 401, no audit event (163-166);
// 3. provider-backed resources need the provider credential (provider_refresh.hpp): a failed
//    auth-code refresh drops the resource, 403 (339-345,442-448); a failed client-credentials
//    fetch answers 500 `internal` (530-535);
// 4. an audit event per decision after app authentication (246-409).
//
// Policy bundles (opa_bundle.hpp): seeded at process start, reloaded by a 60 s poll on every pod
// and by a caracal.policy.invalidate message on the one pod of group opa-engine that reads it
// (services/sts/internal/consumer.go:17-21,125-131@46a980b6c). A load whose Postgres read fails
// keeps the cached bundle silently (opa.go:320-337). While policy distribution is paused (fault),
// loads see the previously distributed version (assumption: the drill holds the bundle at its
// source, so every load finds an unchanged version).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>

#include "models/kube/per_pod.hpp"
#include "models/services/opa_bundle.hpp"
#include "models/services/provider_refresh.hpp"
#include "models/services/replay_volume.hpp"
#include "models/services/service_model.hpp"
#include "models/services/stream_consumer.hpp"

namespace caracal {

// STS's answer to one exchange, as the Gateway receives it.
enum class ExchangeResult {
    Issued,          // 200
    Unauthorized,    // 401 AccessDenied: nonce (Redis) or app authentication (Postgres) failed
    ProviderDenied,  // 403: the auth-code refresh failed and nothing else was granted
    ProviderError,   // 500 `internal`: the client-credentials token fetch failed
    Unavailable,     // 503 STSUnavailable: refresh coordination could not reach Redis
};

// Which provider credential an exchange needs.
enum class Credential { None, AuthCode, ClientCredentials };

class StsService : public ServiceModel {
public:
    explicit StsService(WorldContext& ctx);

    void start(Pod& pod) override;
    void process_started(Pod& pod) override;
    ProbeOutcome ready_check(const Pod& pod, sim::Time now) const override;

    // One token exchange on `pod`; `done(ExchangeResult)` runs when the STS answers (never, if
    // the pod stops). A template so that `done` travels inside the Postgres callback itself
    // instead of in a std::function of its own: every gateway request makes an exchange. The
    // callback carries only the pod's state, the credential and `done`, so that with the pool it
    // fits the event callback's inline buffer when `done` takes at most 24 bytes.
    template <typename Done>
    void exchange(Pod& pod, Credential credential, Done done) {
        if (!ctx_.redis.reachable(Service::Sts)) {
            done(ExchangeResult::Unauthorized);  // the nonce SETNX fails closed
            return;
        }
        PodState* s = &state_[pod];
        ctx_.postgres.query(
            pod,
            [s, credential, done = std::move(done)](bool ok) mutable {
                if (const auto r = s->service->answer(*s, credential, ok)) done(*r);
            },
            ctx_.profile.sts.exchange_time);
    }
    // GET /.well-known/jwks.json answers: it reads the zone keys from Postgres.
    bool serves_jwks() const { return ctx_.postgres.link(Service::Sts) == Link::Up; }

    // Faults.
    void pause_distribution(bool paused) { distribution_paused_ = paused; }
    // An invalid credential also expires the stored grant and token: every provider-backed
    // exchange then needs a provider call until one succeeds.
    void set_provider_credential_valid(bool valid);

    std::int64_t active_policy(const Pod& pod) const { return state_[pod].bundle.version(); }
    const ProviderRefresh& provider_refresh() const { return provider_; }
    const AuditEmitter& emitter(const Pod& pod) const { return *state_[pod].emitter; }

private:
    struct PodState {
        PodState(StsService& owner, Pod& p) : service(&owner), pod(&p) {}
        StsService* service;  // with `pod`, what an exchange callback needs besides this state
        Pod* pod;
        OpaBundle bundle;
        std::unique_ptr<AuditEmitter> emitter;
        std::unique_ptr<StreamConsumer> invalidations;
        std::unique_ptr<StreamConsumer> revocations;
        sim::scrape::Registry::Counter* compile_total = nullptr;
        sim::scrape::Registry::Counter* compile_errors = nullptr;
        sim::scrape::Registry::Counter* refresh_errors = nullptr;
        sim::scrape::Registry::Counter* circuit_open = nullptr;
    };

    // A policy load on `pod` (poll tick or invalidation message).
    void load_policy(Pod& pod);
    // The provider credential step of an exchange that needs `credential`.
    ExchangeResult provide_credential(PodState& s, Credential credential);
    // An exchange's outcome once its Postgres lookup ended with `ok`, counted and audited;
    // nullopt when the pod stopped meanwhile (it never answers).
    std::optional<ExchangeResult> answer(PodState& s, Credential credential, bool ok);

    PerPod<PodState> state_;
    ProviderRefresh provider_;  // the Redis keys every pod shares
    bool distribution_paused_ = false;
    bool credential_valid_ = true;
    bool credential_expired_ = false;  // the stored grant/token needs a provider call
};

}  // namespace caracal
