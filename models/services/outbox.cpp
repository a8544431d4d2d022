#include "models/services/outbox.hpp"

#include <vector>

#include "models/platform/first_tick.hpp"

namespace caracal {

Outbox::Settings Outbox::dispatcher_settings(const Profile& p, std::string metric_prefix, Duration poll_interval) {
    BackoffConfig backoff;
    backoff.base = p.api.outbox_backoff_base;
    backoff.cap = p.api.outbox_backoff_max;
    backoff.max_attempts = static_cast<int>(p.api.outbox_max_attempts);
    return Settings{std::move(metric_prefix), poll_interval, static_cast<std::size_t>(p.api.outbox_batch), backoff};
}

Outbox::Outbox(WorldContext& ctx, Settings settings, sim::des::RngStream rng)
    : ctx_(ctx), settings_(std::move(settings)), backoff_(settings_.backoff, rng) {}

void Outbox::insert(std::string stream, std::uint64_t payload) {
    const sim::Time now = ctx_.sim.now();
    rows_.push_back(Row{now, std::move(stream), payload, 0, now, RowState::Pending});
    ++pending_;
    ++inserted_;
}

std::optional<sim::Time> Outbox::oldest_pending() const {
    for (const auto& r : rows_)
        if (r.state == RowState::Pending || r.state == RowState::InFlight) return r.created_at;
    return std::nullopt;
}

void Outbox::attach(Pod& pod) {
    View& view = views_[pod.name];
    const std::string& p = settings_.metric_prefix;
    pod.metrics.gauge_fn(p + "_pending_rows", {}, [&view](sim::Time) { return double(view.pending); });
    pod.metrics.gauge_fn(p + "_dead_rows", {}, [&view](sim::Time) { return double(view.dead); });
    pod.metrics.gauge_fn(p + "_pending_oldest_age_seconds", {},
                         [&view](sim::Time now) { return view.oldest ? (now - *view.oldest).secs() : 0.0; });
    Pod* pod_ptr = &pod;
    ctx_.sim.every(settings_.poll_interval, first_tick(ctx_.sim, pod.name + "." + p, settings_.poll_interval), [this, pod_ptr] {
        if (pod_ptr->running) poll(*pod_ptr);
    });
}

void Outbox::poll(Pod& pod) {
    ctx_.postgres.query(pod, [this, &pod](bool ok) {
        if (!ok || !pod.running) return;
        forget_finished_rows();
        views_[pod.name] = View{pending_, dead_, oldest_pending()};
        // SELECT ... FOR UPDATE SKIP LOCKED: rows another pod has in flight are skipped.
        std::vector<Row*> batch;
        const sim::Time now = ctx_.sim.now();
        for (auto& r : rows_) {
            if (batch.size() >= settings_.batch) break;
            if (r.state == RowState::Pending && r.next_attempt <= now) {
                r.state = RowState::InFlight;
                batch.push_back(&r);
            }
        }
        if (!batch.empty()) publish(pod, std::move(batch));
    });
}

void Outbox::publish(Pod& pod, std::vector<Row*> rows) {
    if (ctx_.redis.reachable(pod.service)) {
        for (Row* r : rows) {
            ctx_.redis.stream(r->stream).add(ctx_.sim.now(), r->payload);
            r->state = RowState::Delivered;
            --pending_;
            ++delivered_;
        }
        return;
    }
    // The first XADD fails (refused at once, or after the command timeout); the dispatcher gives up
    // on the batch and schedules each row's retry.
    ctx_.sim.schedule_after(ctx_.redis.failure_latency(pod.service), [this, rows = std::move(rows)] {
        const sim::Time now = ctx_.sim.now();
        for (Row* r : rows) {
            ++r->attempts;
            if (backoff_.exhausted(r->attempts)) {
                r->state = RowState::Dead;
                --pending_;
                ++dead_;
            } else {
                r->state = RowState::Pending;
                r->next_attempt = now + backoff_.delay(r->attempts);
            }
        }
    });
}

void Outbox::forget_finished_rows() {
    // Dead rows stay counted in dead_ but leave the scan; they are reconciled by operators.
    while (!rows_.empty() && (rows_.front().state == RowState::Delivered || rows_.front().state == RowState::Dead))
        rows_.pop_front();
}

}  // namespace caracal
