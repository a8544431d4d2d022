#include "models/services/replay_volume.hpp"

#include <cmath>

#include "models/platform/first_tick.hpp"

namespace caracal {

namespace {
constexpr Duration kDrainTick = Duration::seconds(1);
}

AuditEmitter::AuditEmitter(sim::des::Simulation& sim, Redis& redis, AuditBook& book, Pod& pod,
                           const std::string& metric_prefix, double drain_per_second)
    : sim_(sim),
      redis_(redis),
      events_(redis.stream(streams::kAuditEvents)),
      book_(book),
      pod_(pod),
      producer_(book.producer_index(pod.name)),
      drain_per_tick_(drain_per_second * kDrainTick.secs()) {
    pod.metrics.gauge_fn(metric_prefix + "_audit_replay_oldest_age_seconds", {},
                         [this](sim::Time now) { return oldest_age(now).secs(); });
    pod.metrics.gauge_fn(metric_prefix + "_audit_replay_pending_events", {},
                         [this](sim::Time) { return static_cast<double>(volume_.size()); });
    sim.every(kDrainTick, first_tick(sim, pod.name + ".replay-drain", kDrainTick), [this] { drain(); });
}

Duration AuditEmitter::oldest_age(sim::Time now) const {
    if (volume_.empty()) return Duration();
    return now - book_.produced_at(volume_.front());
}

void AuditEmitter::publish(AuditEventId id) {
    events_.add(sim_.now(), id);
    book_.move(id, AuditPlace::Stream);
}

void AuditEmitter::emit() {
    const sim::Time now = sim_.now();
    const bool direct = pod_.running && redis_.reachable(pod_.service);
    const AuditEventId id = book_.produce(producer_, now, direct ? AuditPlace::Stream : AuditPlace::Replay);
    if (direct)
        events_.add(now, id);
    else
        volume_.push_back(id);
}

void AuditEmitter::drain() {
    if (volume_.empty() || !pod_.running || !redis_.reachable(pod_.service)) return;
    auto budget = static_cast<std::size_t>(std::floor(drain_per_tick_));
    while (budget-- > 0 && !volume_.empty()) {
        publish(volume_.front());
        volume_.pop_front();
    }
}

}  // namespace caracal
