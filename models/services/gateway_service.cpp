#include "models/services/gateway_service.hpp"

#include "models/platform/first_tick.hpp"
#include "sim/des/distributions.hpp"

namespace caracal {

namespace {
std::int64_t whole_seconds(Duration d) { return d.ms() / 1000; }
}  // namespace

GatewayService::GatewayService(WorldContext& ctx, StsService& sts)
    : ServiceModel(ctx, Service::Gateway, static_cast<int>(ctx.profile.replicas.gateway)),
      sts_(sts),
      rng_(ctx.sim.stream("gateway.requests")) {
    traffic_ = std::make_unique<Traffic>(ctx.sim, ctx.sim.stream("gateway.traffic"),
                                         ctx.profile.traffic.gateway_requests_per_second, ctx.profile.traffic.rate_noise,
                                         [this] { handle_request(); });
}

void GatewayService::start(Pod& pod) {
    const Profile& p = ctx_.profile;
    auto state = std::make_unique<PodState>(
        *this, pod, CircuitBreakerConfig{static_cast<int>(p.gateway.sts_breaker_failures), p.gateway.sts_breaker_open},
        p.gateway.jwks_ttl);
    PodState& s = *state;
    s.last_reload_ok = ctx_.sim.now();  // New() loads the snapshot or the process exits
    // Assumption: pods started at arbitrary times before the run, so each pod's JWKS entry has its
    // own age at the start (else every entry would expire together, in phase with the run's start).
    s.jwks.fetched(first_tick(ctx_.sim, pod.name + ".jwks", p.gateway.jwks_ttl) - p.gateway.jwks_ttl);
    // services/gateway/internal/metrics.go:10-43@46a980b6c; gauges computed at scrape by
    // refreshMetricGauges and pool.Stat() (server.go:306-357@46a980b6c)
    s.exchanges = &pod.metrics.counter("caracal_gateway_sts_exchange_requests_total");
    s.exchange_errors = &pod.metrics.counter("caracal_gateway_sts_exchange_errors_total");
    s.fast_fails = &pod.metrics.counter("caracal_gateway_sts_circuit_fast_fail_total");
    s.reloads = &pod.metrics.counter("caracal_gateway_revocation_reloads_total");
    s.reload_errors = &pod.metrics.counter("caracal_gateway_revocation_reload_errors_total");
    s.messages = &pod.metrics.counter("caracal_gateway_revocation_messages_total");
    s.propagation = &pod.metrics.gauge("caracal_gateway_revocation_propagation_seconds");
    const auto outcome = [&pod](const char* o) {
        return &pod.metrics.counter("caracal_gateway_requests_total", {{"outcome", o}});
    };
    s.dispatched = outcome("dispatched");
    s.denied_signature = outcome("denied_signature");
    s.denied_jti = outcome("denied_jti");
    s.denied_exchange = outcome("denied_exchange");
    s.denied_circuit = outcome("denied_circuit");
    s.denied_provider = outcome("denied_provider");
    const CircuitBreaker* breaker = &s.breaker;
    pod.metrics.gauge_fn("caracal_gateway_sts_circuit_open", {}, [breaker](sim::Time) { return breaker->gauge(); });
    pod.metrics.gauge_fn("caracal_gateway_sts_circuit_opened_total", {},
                         [breaker](sim::Time) { return double(breaker->opened()); });
    pod.metrics.gauge_fn("caracal_gateway_revocation_snapshot_age_seconds", {}, [&s](sim::Time now) {
        return double(whole_seconds(snapshot_age(s, now).value_or(Duration())));
    });
    pod.metrics.gauge_fn("caracal_gateway_revocation_snapshot_fresh", {},
                         [this, &s](sim::Time now) { return snapshot_fresh(s, now) ? 1.0 : 0.0; });
    ctx_.postgres.add_client(pod, static_cast<std::size_t>(p.gateway.db_max_conns));
    const ConnectionPool* pool = &ctx_.postgres.pool(pod);
    pod.metrics.gauge_fn("caracal_db_pool_in_use_ratio", {},
                         [pool](sim::Time) { return double(pool->in_use()) / double(pool->max()); });
    pod.metrics.gauge_fn("caracal_db_pool_max_conns", {}, [pool](sim::Time) { return double(pool->max()); });
    pod.metrics.gauge_fn("caracal_db_pool_acquired_conns", {}, [pool](sim::Time) { return double(pool->in_use()); });
    s.emitter = std::make_unique<AuditEmitter>(ctx_.sim, ctx_.redis, ctx_.audit_events, pod, "caracal_gateway",
                                               p.gateway.replay_event_bytes, p.gateway.audit_dropped_counter);
    Pod* pp = &pod;
    PodState* sp = &s;
    s.revocations = std::make_unique<StreamConsumer>(
        ctx_, pod, streams::kSessionsRevoke, "gateway-revocation", p.gateway.revocation_poll,
        [this, pp, sp](const StreamEntry& e) {
            const sim::Time now = ctx_.sim.now();
            ctx_.revocations.apply(pp->name, e.payload, now);
            sp->messages->inc();
            sp->propagation->set(double(whole_seconds(now - e.produced_at)));
        });
    // A ticker started with the process: the first reload one period after start.
    const Duration period = p.gateway.revocation_reload_interval;
    ctx_.sim.every(period, ctx_.sim.now() + period, [this, sp] {
        if (sp->pod->running && !sp->reload_in_flight) reload_snapshot(*sp);
    });
    state_.add(pod, std::move(state));
}

void GatewayService::process_started(Pod& pod) {
    PodState& s = state_[pod];
    // A new process: fresh circuit and JWKS cache, the snapshot loaded by New(), files replayed.
    s.breaker = CircuitBreaker(CircuitBreakerConfig{static_cast<int>(ctx_.profile.gateway.sts_breaker_failures),
                                                    ctx_.profile.gateway.sts_breaker_open});
    s.jwks = JwksCache(ctx_.profile.gateway.jwks_ttl);
    if (ctx_.postgres.link(Service::Gateway) == Link::Up) {
        ctx_.revocations.apply_all(pod.name, ctx_.sim.now());
        s.last_reload_ok = ctx_.sim.now();
    }
    s.emitter->replay_at_start();
}

std::optional<Duration> GatewayService::snapshot_age(const PodState& s, sim::Time now) {
    if (!s.last_reload_ok) return std::nullopt;
    return now - *s.last_reload_ok;
}

bool GatewayService::snapshot_fresh(const PodState& s, sim::Time now) const {
    const std::optional<Duration> age = snapshot_age(s, now);
    return age && *age <= ctx_.profile.gateway.snapshot_stale_after;
}

ProbeOutcome GatewayService::ready_check(const Pod& pod, sim::Time now) const {
    const ProbeOutcome deps = check_dependencies();
    if (!deps.ok) return deps;
    return snapshot_fresh(state_[pod], now) ? ProbeOutcome::success() : ProbeOutcome::failure();
}

void GatewayService::handle_request() {
    Pod* pod = deployment_.pick_ready();
    if (!pod) {
        ++outcomes_.rejected_unready;
        return;
    }
    PodState& s = state_[*pod];
    const sim::Time now = ctx_.sim.now();
    if (!s.jwks.fresh(now)) {
        if (!fetch_jwks()) {
            ++outcomes_.denied_signature;
            s.denied_signature->inc();
            return;
        }
        s.jwks.fetched(now);
    }
    if (sim::des::bernoulli(rng_, ctx_.profile.gateway.resource_mandate_share) && !ctx_.redis.reachable(Service::Gateway)) {
        ++outcomes_.denied_jti;
        s.denied_jti->inc();
        return;
    }
    if (s.breaker.check(now)) {
        s.exchange_errors->inc();
        s.fast_fails->inc();
        ++outcomes_.denied_circuit;
        s.denied_circuit->inc();
        return;
    }
    Credential credential = Credential::None;
    if (sim::des::bernoulli(rng_, ctx_.profile.traffic.provider_backed_share))
        credential = sim::des::bernoulli(rng_, ctx_.profile.sts.auth_code_share) ? Credential::AuthCode
                                                                                  : Credential::ClientCredentials;
    exchange(s, credential);
}

bool GatewayService::fetch_jwks() const {
    // A black-holed path fails the fetch too (assumption: it hangs up to the request's deadline).
    return ctx_.network.link(Service::Gateway, Endpoint::Sts) == Link::Up && !sts_.deployment().ready().empty() &&
           sts_.serves_jwks();
}

void GatewayService::exchange(PodState& s, Credential credential) {
    s.exchanges->inc();
    const Link link = ctx_.network.link(Service::Gateway, Endpoint::Sts);
    Pod* sts_pod = link == Link::Up ? sts_.deployment().pick_ready() : nullptr;
    if (link == Link::Refused || (link == Link::Up && !sts_pod)) {
        finish_exchange(s, ExchangeResult::Unavailable);  // 502: connection refused, no endpoints
        return;
    }
    // Whichever comes first, the STS answer or STS_TIMEOUT (504), decides: an answer cancels the
    // timeout, and an answer finding the timeout already run is ignored.
    PodState* sp = &s;
    sim::des::EventHandle timeout = ctx_.sim.schedule_after(
        ctx_.profile.gateway.sts_timeout, [sp] { sp->service->finish_exchange(*sp, ExchangeResult::Unavailable); });
    if (sts_pod)
        sts_.exchange(*sts_pod, credential, [sp, timeout](ExchangeResult r) mutable {
            if (!timeout.pending()) return;
            timeout.cancel();
            sp->service->finish_exchange(*sp, r);
        });
}

void GatewayService::finish_exchange(PodState& s, ExchangeResult r) {
    if (r == ExchangeResult::Issued) {
        s.breaker.on_success();
        ++outcomes_.dispatched;
        s.dispatched->inc();
        s.emitter->emit();  // audited only once the exchange succeeded
        return;
    }
    s.exchange_errors->inc();
    if (r == ExchangeResult::Unavailable) s.breaker.on_failure(ctx_.sim.now());
    if (r == ExchangeResult::ProviderDenied || r == ExchangeResult::ProviderError) {
        ++outcomes_.denied_provider;
        s.denied_provider->inc();
        return;
    }
    ++outcomes_.denied_exchange;
    s.denied_exchange->inc();
}

void GatewayService::reload_snapshot(PodState& s) {
    s.reload_in_flight = true;
    PodState* sp = &s;
    if (ctx_.postgres.link(Service::Gateway) == Link::Blackhole) {
        // No deadline: the reload hangs until TCP gives up (profile assumption).
        ctx_.sim.schedule_after(ctx_.profile.gateway.revocation_reload_hang, [this, sp] { reload_done(*sp, false); });
        return;
    }
    ctx_.postgres.query(*s.pod, [this, sp](bool ok) { reload_done(*sp, ok); });
}

void GatewayService::reload_done(PodState& s, bool ok) {
    s.reload_in_flight = false;
    if (!s.pod->running) return;
    if (!ok) {
        s.reload_errors->inc();
        return;
    }
    ctx_.revocations.apply_all(s.pod->name, ctx_.sim.now());
    s.last_reload_ok = ctx_.sim.now();
    s.reloads->inc();
}

}  // namespace caracal
