#include "models/services/sts_service.hpp"

#include "models/platform/first_tick.hpp"

namespace caracal {

StsService::StsService(WorldContext& ctx)
    : ServiceModel(ctx, Service::Sts, static_cast<int>(ctx.profile.replicas.sts)),
      provider_(ProviderRefreshConfig{ctx.profile.sts.provider_failure_limit, ctx.profile.sts.provider_failure_window,
                                      ctx.profile.sts.provider_circuit_open, ctx.profile.sts.provider_result_ttl}) {}

void StsService::start(Pod& pod) {
    const Profile& p = ctx_.profile;
    auto state = std::make_unique<PodState>(*this, pod);
    PodState& s = *state;
    s.bundle.seed(ctx_.policies.active(), ctx_.sim.now());
    // services/sts/internal/metrics.go:10-26@46a980b6c, opa.go:242-265@46a980b6c
    s.compile_total = &pod.metrics.counter("caracal_sts_opa_compile_total");
    s.compile_errors = &pod.metrics.counter("caracal_sts_opa_compile_errors_total");
    s.refresh_errors = &pod.metrics.counter("caracal_sts_provider_refresh_errors_total");
    s.circuit_open = &pod.metrics.counter("caracal_sts_provider_circuit_open_total");
    pod.metrics.gauge_fn("caracal_sts_opa_max_policy_age_seconds", {},
                         [&s](sim::Time now) { return s.bundle.max_policy_age_seconds(now); });
    pod.metrics.gauge_fn("caracal_sts_opa_poll_interval_seconds", {}, [poll = p.sts.opa_poll](sim::Time) { return poll.secs(); });
    // Twin-only: the version the pod evaluates with, for the drill's last_good_policy check.
    pod.metrics.gauge_fn("caracal_sts_policy_active_version", {}, [&s](sim::Time) { return double(s.bundle.version()); });
    ctx_.postgres.add_client(pod);
    s.emitter = std::make_unique<AuditEmitter>(ctx_.sim, ctx_.redis, ctx_.audit_events, pod, "caracal_sts",
                                               p.sts.replay_event_bytes, /*dropped_counter=*/true);
    const AuditEmitter* emitter = s.emitter.get();
    // services/sts/internal/audit.go:217-219,269-277,298-300@46a980b6c
    pod.metrics.gauge_fn("caracal_sts_audit_replay_pending", {},
                         [emitter](sim::Time) { return double(emitter->written() - emitter->replayed()); });
    pod.metrics.gauge_fn("caracal_sts_audit_replay_replayed_total", {}, [emitter](sim::Time) { return double(emitter->replayed()); });
    pod.metrics.gauge_fn("caracal_sts_audit_sink_errors_total", {}, [emitter](sim::Time) { return double(emitter->written()); });
    Pod* pp = &pod;
    s.invalidations = std::make_unique<StreamConsumer>(ctx_, pod, streams::kPolicyInvalidate, "opa-engine",
                                                       p.sts.revocation_poll, [this, pp](const StreamEntry&) { load_policy(*pp); });
    s.revocations = std::make_unique<StreamConsumer>(ctx_, pod, streams::kSessionsRevoke, "sts-revocation",
                                                     p.sts.revocation_poll, [](const StreamEntry&) {});
    ctx_.sim.every(p.sts.opa_poll, first_tick(ctx_.sim, pod.name + ".opa-poll", p.sts.opa_poll), [this, pp] {
        if (pp->running) load_policy(*pp);
    });
    state_.add(pod, std::move(state));
}

void StsService::process_started(Pod& pod) {
    PodState& s = state_[pod];
    // A new process seeds its bundle (a fresh loadedAt) and replays the files on its volume.
    if (ctx_.policies.compiles(ctx_.policies.active())) s.bundle.seed(ctx_.policies.active(), ctx_.sim.now());
    s.emitter->replay_at_start();
}

ProbeOutcome StsService::ready_check(const Pod&, sim::Time) const {
    return check_dependencies();
}

void StsService::set_provider_credential_valid(bool valid) {
    credential_valid_ = valid;
    if (!valid) credential_expired_ = true;
}

void StsService::load_policy(Pod& pod) {
    if (distribution_paused_) return;  // the load finds the version it already has
    ctx_.postgres.query(pod, [this, &pod](bool ok) {
        if (!ok || !pod.running) return;  // a failed read keeps the cached bundle, silently
        PodState& s = state_[pod];
        const std::int64_t active = ctx_.policies.active();
        switch (s.bundle.load(active, ctx_.policies.compiles(active), ctx_.sim.now())) {
            case OpaBundle::Load::Unchanged: return;
            case OpaBundle::Load::Compiled: s.compile_total->inc(); return;
            case OpaBundle::Load::CompileError:
                s.compile_total->inc();
                s.compile_errors->inc();
                return;
        }
    });
}

ExchangeResult StsService::provide_credential(PodState& s, Credential credential) {
    if (credential == Credential::None || !credential_expired_) return ExchangeResult::Issued;
    const sim::Time now = ctx_.sim.now();
    ProviderRefresh::Attempt a;
    if (credential == Credential::AuthCode) {
        if (!ctx_.redis.reachable(Service::Sts)) {
            s.refresh_errors->inc();  // the shared result GET failed
            return ExchangeResult::Unavailable;
        }
        a = provider_.refresh_grant(now, credential_valid_);
    } else {
        a = provider_.fetch_token(now, credential_valid_);
    }
    if (a.found_circuit_open) s.circuit_open->inc();
    if (a.ok) {
        credential_expired_ = false;
        return ExchangeResult::Issued;
    }
    return credential == Credential::AuthCode ? ExchangeResult::ProviderDenied : ExchangeResult::ProviderError;
}

std::optional<ExchangeResult> StsService::answer(PodState& s, Credential credential, bool ok) {
    if (!s.pod->running) return std::nullopt;
    if (!ok) return ExchangeResult::Unauthorized;  // app authentication needs Postgres
    const ExchangeResult r = provide_credential(s, credential);
    // Decisions and refresh denials are audited; a failed token fetch is an error, not a decision.
    if (r == ExchangeResult::Issued || r == ExchangeResult::ProviderDenied) s.emitter->emit();
    return r;
}

}  // namespace caracal
