#include "models/services/replay_volume.hpp"

namespace caracal {

namespace {
// The flusher's tick: events failing within one tick are one batch, written to one file
// (client.go:25-33@46a980b6c, services/sts/internal/audit.go:31-39@46a980b6c).
constexpr Duration kFlushTick = Duration::millis(50);
}  // namespace

AuditEmitter::AuditEmitter(sim::des::Simulation& sim, Redis& redis, AuditBook& book, Pod& pod,
                           const std::string& metric_prefix, std::int64_t event_bytes, bool dropped_counter)
    : sim_(sim),
      redis_(redis),
      events_(redis.stream(streams::kAuditEvents)),
      book_(book),
      pod_(pod),
      producer_(book.producer_index(pod.name)),
      event_bytes_(event_bytes) {
    pod.metrics.gauge_fn(metric_prefix + "_audit_replay_files", {},
                         [this](sim::Time) { return static_cast<double>(files_.size()); });
    pod.metrics.gauge_fn(metric_prefix + "_audit_replay_bytes", {},
                         [this](sim::Time) { return static_cast<double>(pending()) * static_cast<double>(event_bytes_); });
    pod.metrics.gauge_fn(metric_prefix + "_audit_replay_oldest_age_seconds", {},
                         [this](sim::Time now) { return static_cast<double>(oldest_age_seconds(now)); });
    if (dropped_counter) pod.metrics.counter(metric_prefix + "_audit_dropped_total");
}

std::size_t AuditEmitter::pending() const {
    std::size_t n = 0;
    for (const ReplayFile& f : files_) n += f.events.size();
    return n;
}

std::int64_t AuditEmitter::oldest_age_seconds(sim::Time now) const {
    if (files_.empty()) return 0;
    const Duration age = now - files_.front().mtime;
    return age < Duration() ? 0 : age.ms() / 1000;
}

void AuditEmitter::emit() {
    const sim::Time now = sim_.now();
    if (redis_.reachable(pod_.service)) {
        events_.add(now, book_.produce(producer_, now, AuditPlace::Stream));
        return;
    }
    const std::int64_t batch = now.unix_ms() / kFlushTick.ms();
    if (files_.empty() || files_.back().batch != batch) files_.push_back(ReplayFile{now, batch, {}});
    files_.back().events.push_back(book_.produce(producer_, now, AuditPlace::Replay));
    ++written_;
}

void AuditEmitter::replay_at_start() {
    if (!redis_.reachable(pod_.service)) return;  // every file fails its first XADD and stays
    const sim::Time now = sim_.now();
    for (const ReplayFile& f : files_)
        for (AuditEventId id : f.events) {
            events_.add(now, id);
            book_.move(id, AuditPlace::Stream);
            ++replayed_;
        }
    files_.clear();
}

}  // namespace caracal
