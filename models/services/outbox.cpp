#include "models/services/outbox.hpp"

#include <algorithm>
#include <cmath>

#include "models/platform/first_tick.hpp"
#include "sim/des/distributions.hpp"

namespace caracal {

namespace {
// The API's exponent stops growing at 2^6 s (apps/api/src/outbox.ts:57-62@46a980b6c).
constexpr int kApiBackoffMaxExponent = 6;
}  // namespace

Outbox::Settings Outbox::api_settings(const Profile& p) {
    const Duration cap = p.api.outbox_backoff_cap;
    const double jitter = p.api.outbox_backoff_jitter;
    return Settings{p.api.outbox_poll_interval, static_cast<std::size_t>(p.api.outbox_batch),
                    static_cast<int>(p.api.outbox_max_attempts), [cap, jitter](int attempts, sim::des::RngStream& rng) {
                        const double exp = std::ldexp(1.0, std::min(attempts, kApiBackoffMaxExponent));
                        const double base = std::min(cap.secs(), exp);
                        return Duration::millis(static_cast<std::int64_t>(
                            1000 * base * (1 + sim::des::uniform(rng, 0, jitter))));
                    }};
}

Outbox::Settings Outbox::coordinator_settings(const Profile& p) {
    return Settings{p.coordinator.outbox_poll_interval, static_cast<std::size_t>(p.coordinator.outbox_batch),
                    static_cast<int>(p.coordinator.outbox_max_attempts), [](int attempts, sim::des::RngStream& rng) {
                        // (attempts + 1) s plus up to 1 s at random.
                        return Duration::seconds(attempts + 1) +
                               Duration::millis(sim::des::uniform_int(rng, 0, 1000));
                    }};
}

Outbox::Outbox(WorldContext& ctx, Settings settings, sim::des::RngStream rng)
    : ctx_(ctx), settings_(std::move(settings)), rng_(rng) {}

void Outbox::insert(std::string stream, std::uint64_t payload) {
    const sim::Time now = ctx_.sim.now();
    rows_.push_back(Row{now, std::move(stream), payload, 0, now, RowState::Pending});
    ++undispatched_;
    ++inserted_;
}

Outbox::Health Outbox::health() const {
    Health h;
    h.pending = undispatched_;
    h.dead = dead_.size();
    h.published = published_;
    for (const Row& r : rows_)
        if (r.state == RowState::Pending || r.state == RowState::Claimed) {
            h.oldest_pending_created = r.created_at;
            break;
        }
    if (!dead_.empty()) h.oldest_dead_created = *std::min_element(dead_.begin(), dead_.end());
    return h;
}

void Outbox::attach(Pod& pod) {
    busy_[pod.name] = false;
    Pod* pod_ptr = &pod;
    ctx_.sim.every(settings_.poll_interval, first_tick(ctx_.sim, pod.name + ".outbox", settings_.poll_interval),
                   [this, pod_ptr] {
                       if (pod_ptr->running && !busy_[pod_ptr->name]) tick(*pod_ptr);
                   });
}

void Outbox::tick(Pod& pod) {
    busy_[pod.name] = true;
    ctx_.postgres.query(pod, [this, &pod](bool ok) {
        if (!ok || !pod.running) {
            busy_[pod.name] = false;
            return;
        }
        forget_finished_rows();
        // The claim: due rows nobody holds, each attempt counted as it is claimed.
        std::vector<Row*> batch;
        const sim::Time now = ctx_.sim.now();
        for (auto& r : rows_) {
            if (batch.size() >= settings_.batch) break;
            if (r.state == RowState::Pending && r.available_at <= now) {
                r.state = RowState::Claimed;
                ++r.attempts;
                batch.push_back(&r);
            }
        }
        if (batch.empty()) {
            busy_[pod.name] = false;
            return;
        }
        dispatch(pod, std::move(batch));
    });
}

void Outbox::dispatch(Pod& pod, std::vector<Row*> rows) {
    if (ctx_.redis.reachable(pod.service)) {
        for (Row* r : rows) {
            ctx_.redis.stream(r->stream).add(ctx_.sim.now(), r->payload);
            r->state = RowState::Published;
            --undispatched_;
            ++published_;
        }
        busy_[pod.name] = false;
        return;
    }
    // Each XADD fails in turn (at once when refused, after the command timeout when black-holed).
    const Duration failing = ctx_.redis.failure_latency(pod.service) * static_cast<std::int64_t>(rows.size());
    ctx_.sim.schedule_after(failing, [this, &pod, rows = std::move(rows)] {
        const sim::Time now = ctx_.sim.now();
        for (Row* r : rows) {
            if (r->attempts >= settings_.max_attempts) {
                r->state = RowState::Dead;
                --undispatched_;
                dead_.push_back(r->created_at);
            } else {
                r->state = RowState::Pending;
                r->available_at = now + settings_.retry_delay(r->attempts, rng_);
            }
        }
        busy_[pod.name] = false;
    });
}

void Outbox::forget_finished_rows() {
    while (!rows_.empty() && (rows_.front().state == RowState::Published || rows_.front().state == RowState::Dead))
        rows_.pop_front();
}

}  // namespace caracal
