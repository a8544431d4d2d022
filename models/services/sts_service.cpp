#include "models/services/sts_service.hpp"

#include "models/platform/first_tick.hpp"

namespace caracal {

namespace {
constexpr const char* kProvider = "upstream";

std::string_view result_label(ExchangeResult r) {
    switch (r) {
        case ExchangeResult::Issued: return "issued";
        case ExchangeResult::DeniedProvider: return "denied_provider";
        case ExchangeResult::Error: return "error";
    }
    return "?";
}
}  // namespace

StsService::StsService(WorldContext& ctx) : ServiceModel(ctx, Service::Sts, static_cast<int>(ctx.profile.replicas.sts)) {}

void StsService::start(Pod& pod) {
    const Profile& p = ctx_.profile;
    auto state = std::make_unique<PodState>(*this, pod, CircuitBreakerConfig{static_cast<int>(p.sts.provider_breaker_failures),
                                                                 p.sts.provider_breaker_open, 1});
    PodState& s = *state;
    s.last_sync_ok = ctx_.sim.now();
    s.compile_errors = &pod.metrics.counter("caracal_sts_opa_compile_errors_total");
    s.refresh_errors = &pod.metrics.counter("caracal_sts_provider_refresh_errors_total", {{"provider", kProvider}});
    for (auto r : kExchangeResults)
        s.exchanges[static_cast<std::size_t>(r)] = &pod.metrics.counter("caracal_sts_exchanges_total", {{"result", std::string(result_label(r))}});
    pod.metrics.gauge_fn("caracal_sts_policy_bundle_age_seconds", {},
                         [&s](sim::Time now) { return (now - s.last_sync_ok).secs(); });
    pod.metrics.gauge_fn("caracal_sts_policy_active_version", {}, [&s](sim::Time) { return double(s.active_version); });
    pod.metrics.gauge_fn("caracal_sts_provider_circuit_open", {{"provider", kProvider}}, [&s](sim::Time now) {
        return s.breaker.state(now) == CircuitBreaker::State::Open ? 1.0 : 0.0;
    });
    ctx_.postgres.add_client(pod);
    s.emitter = std::make_unique<AuditEmitter>(ctx_.sim, ctx_.redis, ctx_.audit_events, pod, "caracal_sts",
                                               p.sts.replay_drain_per_second);
    Pod* pp = &pod;
    s.invalidations = std::make_unique<StreamConsumer>(ctx_, pod, streams::kPolicyInvalidate, "opa-engine",
                                                       p.sts.revocation_poll, [this, pp](const StreamEntry&) { sync_policy(*pp); });
    s.revocations = std::make_unique<StreamConsumer>(ctx_, pod, streams::kSessionsRevoke, "sts-revocation",
                                                     p.sts.revocation_poll, [](const StreamEntry&) {});
    ctx_.sim.every(p.sts.opa_poll, first_tick(ctx_.sim, pod.name + ".opa-poll", p.sts.opa_poll), [this, pp] {
        if (pp->running) sync_policy(*pp);
    });
    ctx_.sim.every(p.sts.provider_refresh_interval, first_tick(ctx_.sim, pod.name + ".provider-refresh", p.sts.provider_refresh_interval),
                   [this, pp] {
                       if (pp->running) refresh_provider(*pp);
                   });
    state_.add(pod, std::move(state));
}

ProbeOutcome StsService::ready_check(const Pod&, sim::Time) const {
    const ProbeOutcome deps = check_dependencies();
    if (!deps.ok) return deps;
    return ProbeOutcome::success();
}

void StsService::sync_policy(Pod& pod) {
    // Distribution paused: the bundle source cannot be fetched, so the sync fails before Postgres.
    if (distribution_paused_) return;
    ctx_.postgres.query(pod, [this, &pod](bool ok) {
        if (!ok || !pod.running) return;
        PodState& s = state_[pod];
        const std::int64_t latest = ctx_.policies.active();
        if (latest != s.active_version) {
            if (!ctx_.policies.compiles(latest)) {
                s.compile_errors->inc();  // rejected: the last good bundle stays active
                return;
            }
            s.active_version = latest;
        }
        s.last_sync_ok = ctx_.sim.now();
    });
}

void StsService::refresh_provider(Pod& pod) {
    PodState& s = state_[pod];
    const sim::Time now = ctx_.sim.now();
    if (!s.breaker.allow(now)) return;
    if (credential_valid_) {
        s.breaker.on_success(now);
    } else {
        s.refresh_errors->inc();
        s.breaker.on_failure(now);
    }
}

std::optional<ExchangeResult> StsService::answer(PodState& s, bool provider_backed, bool ok) {
    if (!s.pod->running) return std::nullopt;
    ExchangeResult r = ExchangeResult::Issued;
    if (!ok)
        r = ExchangeResult::Error;
    else if (provider_backed && (!credential_valid_ || s.breaker.state(ctx_.sim.now()) == CircuitBreaker::State::Open))
        r = ExchangeResult::DeniedProvider;  // provider-backed grants fail closed
    s.exchanges[static_cast<std::size_t>(r)]->inc();
    s.emitter->emit();
    return r;
}

}  // namespace caracal
