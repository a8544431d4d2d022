#include "models/services/gateway_service.hpp"

#include "models/platform/first_tick.hpp"
#include "sim/des/distributions.hpp"

namespace caracal {

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
        *this, CircuitBreakerConfig{static_cast<int>(p.gateway.sts_breaker_failures), p.gateway.sts_breaker_open, 1});
    PodState& s = *state;
    s.last_reload_ok = ctx_.sim.now();
    s.requests = &pod.metrics.counter("caracal_gateway_sts_exchange_requests_total");
    s.exchange_errors = &pod.metrics.counter("caracal_gateway_sts_exchange_errors_total");
    const auto outcome = [&pod](const char* o) {
        return &pod.metrics.counter("caracal_gateway_requests_total", {{"outcome", o}});
    };
    s.dispatched = outcome("dispatched");
    s.denied_exchange = outcome("denied_exchange");
    s.denied_circuit = outcome("denied_circuit");
    s.denied_provider = outcome("denied_provider");
    s.reload_errors = &pod.metrics.counter("caracal_gateway_revocation_reload_errors_total");
    pod.metrics.gauge_fn("caracal_gateway_sts_circuit_open", {}, [&s](sim::Time now) {
        return s.breaker.state(now) == CircuitBreaker::State::Open ? 1.0 : 0.0;
    });
    pod.metrics.gauge_fn("caracal_gateway_revocation_snapshot_age_seconds", {},
                         [&s](sim::Time now) { return (now - s.last_reload_ok).secs(); });
    Pod* pp = &pod;
    pod.metrics.gauge_fn("caracal_gateway_revocation_propagation_lag_seconds", {}, [this, pp, &s](sim::Time now) {
        // Computed from XINFO/XPENDING on the revocation stream: needs Redis, else the last value.
        if (ctx_.redis.reachable(pp->service))
            s.lag = StreamConsumer::oldest_unfinished_age(ctx_.redis.stream(streams::kSessionsRevoke),
                                                          "gateway-revocation", now)
                        .value_or(Duration());
        return s.lag.secs();
    });
    ctx_.postgres.add_client(pod);
    s.emitter = std::make_unique<AuditEmitter>(ctx_.sim, ctx_.redis, ctx_.audit_events, pod, "caracal_gateway",
                                               p.gateway.replay_drain_per_second);
    s.revocations = std::make_unique<StreamConsumer>(
        ctx_, pod, streams::kSessionsRevoke, "gateway-revocation", p.gateway.revocation_poll,
        [this, pp](const StreamEntry& e) { ctx_.revocations.apply(pp->name, e.payload, ctx_.sim.now()); });
    const Duration period = p.gateway.revocation_reload_interval;
    ctx_.sim.every(period, first_tick(ctx_.sim, pod.name + ".reload", period), [this, pp] {
        if (pp->running) reload_snapshot(*pp);
    });
    state_.add(pod, std::move(state));
}

ProbeOutcome GatewayService::ready_check(const Pod&, sim::Time) const {
    return check_dependencies();
}

void GatewayService::handle_request() {
    Pod* pod = deployment_.pick_ready();
    if (!pod) {
        ++outcomes_.rejected_unready;
        return;
    }
    PodState& s = state_[*pod];
    s.emitter->emit();  // every request is audited, whatever its outcome
    if (!s.breaker.allow(ctx_.sim.now())) {
        ++outcomes_.denied_circuit;
        s.denied_circuit->inc();
        return;
    }
    exchange(s);
}

void GatewayService::exchange(PodState& s) {
    s.requests->inc();
    const bool provider_backed = sim::des::bernoulli(rng_, ctx_.profile.traffic.provider_backed_share);
    const Link link = ctx_.network.link(Service::Gateway, Endpoint::Sts);
    Pod* sts_pod = link == Link::Up ? sts_.deployment().pick_ready() : nullptr;
    if (link == Link::Refused || (link == Link::Up && !sts_pod)) {
        finish_exchange(s, false, ExchangeResult::Error);  // connection refused: no endpoints
        return;
    }
    // Whichever comes first, the STS answer or STS_TIMEOUT, decides: an answer cancels the
    // timeout, and an answer finding the timeout already run is ignored.
    PodState* sp = &s;
    sim::des::EventHandle timeout = ctx_.sim.schedule_after(
        ctx_.profile.gateway.sts_timeout, [this, sp] { finish_exchange(*sp, false, ExchangeResult::Error); });
    if (sts_pod)
        sts_.exchange(*sts_pod, provider_backed, [sp, timeout](ExchangeResult r) mutable {
            if (!timeout.pending()) return;
            timeout.cancel();
            sp->service->finish_exchange(*sp, r != ExchangeResult::Error, r);
        });
}

void GatewayService::finish_exchange(PodState& s, bool ok, ExchangeResult r) {
    const sim::Time now = ctx_.sim.now();
    if (!ok) {
        s.exchange_errors->inc();
        s.breaker.on_failure(now);
        ++outcomes_.denied_exchange;
        s.denied_exchange->inc();
        return;
    }
    s.breaker.on_success(now);
    if (r == ExchangeResult::DeniedProvider) {
        ++outcomes_.denied_provider;
        s.denied_provider->inc();
        return;
    }
    if (r != ExchangeResult::Issued) ++outcomes_.dispatched_without_exchange;
    ++outcomes_.dispatched;
    s.dispatched->inc();
}

void GatewayService::reload_snapshot(Pod& pod) {
    PodState& s = state_[pod];
    if (!ctx_.redis.reachable(pod.service)) {
        ctx_.sim.schedule_after(ctx_.redis.failure_latency(pod.service), [&s] { s.reload_errors->inc(); });
        return;
    }
    ctx_.postgres.query(pod, [this, &pod, &s](bool ok) {
        if (!pod.running) return;
        if (!ok) {
            s.reload_errors->inc();
            return;
        }
        ctx_.revocations.apply_all(pod.name, ctx_.sim.now());
        s.last_reload_ok = ctx_.sim.now();
    });
}

}  // namespace caracal
