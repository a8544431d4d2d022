#include "models/services/audit_service.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "models/datastores/audit_stream_mirror.hpp"
#include "models/datastores/audit_tamper_sweeper.hpp"
#include "models/datastores/pending_payloads.hpp"
#include "models/platform/first_tick.hpp"
#include "sim/des/distributions.hpp"

namespace caracal {

namespace {

// A std::string: ConsumerControl looks groups up by std::string, RedisStream by string_view.
const std::string kGroup = "audit-ingestor";

// The Helm startup probe (/health every 5s, 30 failures) gives a new container this long to
// become healthy before the kubelet restarts it (infra/helm/caracal/templates/deployments.yaml:162-179@46a980b6c).
constexpr Duration kStartupBudget = Duration::seconds(150);

// One stream entry to insert into audit_events.
struct Write {
    EntryId entry = 0;
    AuditEventId event = 0;
    std::uint32_t delivery = 0;  // this delivery's count (1 for the first read)
};

// What one Audit process keeps in memory (its atomics): a restart starts it afresh.
struct AuditPod {
    Pod* pod = nullptr;
    std::uint64_t incarnation = 0;  // completions of an earlier process do nothing
    bool was_running = true;
    bool consuming = false;  // the consumer loop is processing a read
    bool reaping = false;    // the reaper is processing claimed entries
    bool draining_own = true;  // a new process first re-reads its own pending entries
    bool healthy = false;      // /health: the consumer could read Redis
    bool started = true;       // the startup probe passed (pods present at the run's start have)
    sim::Time startup_deadline;
    std::int64_t liveness_failures = 0;
    sim::des::TaskHandle lag_poll;
    sim::des::TaskHandle rolling_sweep;
    // pollConsumerLag (services/audit/internal/server.go:604-665@46a980b6c).
    sim::scrape::Registry::Gauge* consumer_lag = nullptr;
    sim::scrape::Registry::Gauge* pel_oldest = nullptr;
    sim::scrape::Registry::Gauge* dlq_size = nullptr;
    sim::scrape::Registry::Gauge* dlq_oldest = nullptr;
    // Consumer classification (services/audit/internal/consumer.go:222,312-332@46a980b6c).
    sim::scrape::Registry::Counter* inserts = nullptr;
    sim::scrape::Registry::Counter* dlq_total = nullptr;
    sim::scrape::Registry::Counter* retries = nullptr;
    // Sweeper (services/audit/internal/tamper.go:112-119@46a980b6c).
    sim::scrape::Registry::Counter* tamper_checked = nullptr;
    sim::scrape::Registry::Counter* tamper_mismatch = nullptr;
    sim::scrape::Registry::Counter* tamper_chain_breaks = nullptr;
    sim::scrape::Registry::Counter* tamper_hmac = nullptr;
    sim::scrape::Registry::Gauge* tamper_last_sweep = nullptr;
    sim::scrape::Registry::Gauge* tamper_last_full = nullptr;
};

}  // namespace

struct AuditService::Impl {
    explicit Impl(AuditService& s)
        : svc(s),
          ctx(s.ctx_),
          cfg(s.ctx_.profile.audit),
          events(ctx.redis.stream(streams::kAuditEvents)),
          dlq(ctx.redis.stream(streams::kAuditDlq)),
          unread(events),
          undelivered_dlq(dlq),
          datastore_errors(ctx.sim.stream("audit.datastore-errors")) {}

    // False while the pod is stopped; a pod running again after a stop is a new process.
    bool alive(AuditPod& p);
    void begin_process(AuditPod& p);
    void poll(AuditPod& p);
    void reap_tick(AuditPod& p) { reap(p, 0); }
    // One XAUTOCLAIM page from `cursor` (0: a new pass), processed before the next page.
    void reap(AuditPod& p, EntryId cursor);
    void poll_lag(AuditPod& p);
    void sweep(AuditPod& p, bool full);
    void check_liveness(AuditPod& p);
    // Sorts deliveries: trimmed ones are lost, stored ones acknowledged; returns what still has to
    // be written.
    std::vector<Write> triage(const std::vector<Delivery>& deliveries);
    // Writes batch[from..] one message after another; `then()` runs when the batch is done.
    void write(AuditPod& p, std::shared_ptr<std::vector<Write>> batch, std::size_t from, std::function<void()> then);
    void finish_write(AuditPod& p, const std::vector<Write>& batch, std::size_t from);
    void failed(AuditPod& p, const Write& w, WriteFailure kind);
    void drop_trimmed(EntryId id);
    void dead_letter(AuditPod& p, EntryId id, AuditEventId event);
    void acknowledge(EntryId id);
    void acknowledge(std::span<const EntryId> ids);
    void sync_mirrors();
    // New entries old enough to process under the group's delay, at most `limit`.
    std::size_t ready_to_read(sim::Time now, std::size_t limit) const;
    bool redis_reachable() const { return ctx.redis.reachable(Service::Audit); }
    template <typename F>
    void every(AuditPod& p, const char* what, Duration period, F f) {
        ctx.sim.every(period, first_tick(ctx.sim, p.pod->name + what, period), [this, &p, f] {
            if (alive(p)) (this->*f)(p);
        });
    }

    AuditService& svc;
    WorldContext& ctx;
    const Profile::Audit& cfg;
    RedisStream& events;
    RedisStream& dlq;
    StreamMirror unread;           // audit entries the group has not read yet
    StreamMirror undelivered_dlq;  // DLQ entries not replayed yet
    sim::des::RngStream datastore_errors;
    PendingPayloads pel_events;  // what each pending entry carries
    std::vector<Delivery> deliveries;  // the latest read, reused: the consumers poll every consumer_poll
    std::vector<EntryId> written;      // the latest batch's stored entries, reused likewise
    std::map<std::string, std::unique_ptr<AuditPod>> pods;
    std::vector<std::pair<ChainSeq, std::uint64_t>> tampered;  // rows changed out of band: original content
    std::uint64_t stored = 0;
    std::uint64_t dead_lettered = 0;
    std::uint64_t write_errors = 0;
    std::uint64_t lost = 0;
    std::uint64_t tamper_violations = 0;
    std::uint64_t restarts = 0;
};

void AuditService::Impl::sync_mirrors() {
    const auto lose = [this](const StreamEntry& e) {
        ctx.audit_events.move(e.payload, AuditPlace::Lost);
        ++lost;
    };
    unread.sync(events, lose);
    undelivered_dlq.sync(dlq, lose);
}

bool AuditService::Impl::alive(AuditPod& p) {
    if (!p.pod->running) {
        p.was_running = false;
        return false;
    }
    if (!p.was_running) {
        p.was_running = true;
        begin_process(p);
        p.started = false;
        p.startup_deadline = ctx.sim.now() + kStartupBudget;
    }
    return true;
}

void AuditService::Impl::begin_process(AuditPod& p) {
    ++p.incarnation;
    p.pod->metrics.reset_values();
    p.consuming = p.reaping = p.healthy = false;
    p.draining_own = true;
    p.liveness_failures = 0;
    const sim::Time now = ctx.sim.now();
    p.lag_poll.cancel();
    p.lag_poll = ctx.sim.every(cfg.lag_poll_interval, now + cfg.lag_poll_interval, [this, &p] {
        if (alive(p)) poll_lag(p);
    });
    sweep(p, /*full=*/true);
    p.rolling_sweep.cancel();
    p.rolling_sweep = ctx.sim.every(cfg.tamper_sweep_interval, now + cfg.tamper_sweep_interval, [this, &p] {
        if (alive(p)) sweep(p, /*full=*/false);
    });
}

std::size_t AuditService::Impl::ready_to_read(sim::Time now, std::size_t limit) const {
    const Duration delay = ctx.consumers.delay(kGroup);
    const EntryId first = std::max(events.last_delivered(kGroup) + 1, events.first_id());
    const auto ready = [&](EntryId id) {
        const StreamEntry* e = events.find(id);
        return e && e->produced_at + delay <= now;
    };
    // Entries are in production order (the clock never goes back): when the last one that fits is
    // old enough, so are all before it — the usual case, as a delay fault is rare.
    if (first <= events.last_id()) {
        const std::size_t fits = std::min<std::size_t>(limit, events.last_id() - first + 1);
        if (fits > 0 && ready(first + fits - 1)) return fits;
    }
    std::size_t n = 0;
    for (EntryId id = first; n < limit && id <= events.last_id() && ready(id); ++id) ++n;
    return n;
}

void AuditService::Impl::poll(AuditPod& p) {
    if (p.consuming || ctx.consumers.paused(kGroup)) return;
    if (!redis_reachable()) {
        p.healthy = false;  // XREADGROUP failed: back off and try again
        return;
    }
    sync_mirrors();
    const sim::Time now = ctx.sim.now();
    bool full = false;
    const bool draining = p.draining_own;
    if (draining) {
        p.draining_own = false;
        deliveries = events.read_pending(kGroup, p.pod->name, std::numeric_limits<std::size_t>::max(), now);
    } else {
        p.healthy = true;
        const auto limit = static_cast<std::size_t>(cfg.consumer_batch);
        const std::size_t n = ready_to_read(now, limit);
        if (n == 0) return;
        deliveries.clear();
        events.read_new(kGroup, p.pod->name, n, now, deliveries);
        unread.take_through(events.last_delivered(kGroup));
        for (const Delivery& d : deliveries) pel_events.insert(d.id, d.entry->payload);
        full = deliveries.size() == limit;
    }
    p.consuming = true;
    const std::uint64_t incarnation = p.incarnation;
    write(p, std::make_shared<std::vector<Write>>(triage(deliveries)), 0, [this, &p, full, draining, incarnation] {
        if (p.incarnation != incarnation) return;
        p.consuming = false;
        if (draining) p.healthy = true;  // the own PEL is drained: the loop is up
        // A full read means more is waiting: XREADGROUP returns at once instead of blocking.
        if (full) ctx.sim.schedule_after(Duration(), [this, &p] {
            if (alive(p)) poll(p);
        });
    });
}

void AuditService::Impl::reap(AuditPod& p, EntryId cursor) {
    if (cursor == 0) {  // a tick: one pass over the PEL at a time
        if (p.reaping || ctx.consumers.paused(kGroup) || !redis_reachable()) return;
        p.reaping = true;
    }
    sync_mirrors();
    ClaimResult r = events.claim_idle(kGroup, p.pod->name, cfg.claim_min_idle,
                                      static_cast<std::size_t>(cfg.consumer_batch), ctx.sim.now(), cursor);
    for (EntryId id : r.deleted) drop_trimmed(id);
    p.retries->inc(static_cast<double>(r.claimed.size()));
    const std::uint64_t incarnation = p.incarnation;
    write(p, std::make_shared<std::vector<Write>>(triage(r.claimed)), 0, [this, &p, next = r.next_cursor, incarnation] {
        if (p.incarnation != incarnation) return;
        if (next != 0 && p.pod->running && redis_reachable())
            reap(p, next);
        else
            p.reaping = false;
    });
}

std::vector<Write> AuditService::Impl::triage(const std::vector<Delivery>& deliveries) {
    std::vector<Write> out;
    out.reserve(deliveries.size());
    for (const Delivery& d : deliveries) {
        if (!d.entry) {
            drop_trimmed(d.id);
            continue;
        }
        const AuditEventId event = d.entry->payload;
        if (ctx.audit_events.place(event) == AuditPlace::Stored)
            acknowledge(d.id);  // stored by an earlier delivery whose XACK never reached Redis
        else
            out.push_back(Write{d.id, event, d.delivery_count});
    }
    return out;
}

void AuditService::Impl::write(AuditPod& p, std::shared_ptr<std::vector<Write>> batch, std::size_t from,
                               std::function<void()> then) {
    if (from >= batch->size()) {
        then();
        return;
    }
    const Duration work = cfg.write_time * static_cast<std::int64_t>(batch->size() - from);
    const std::uint64_t incarnation = p.incarnation;
    ctx.postgres.query(
        *p.pod,
        [this, &p, batch, from, incarnation, then = std::move(then)](bool ok) mutable {
            // A process stopped meanwhile never commits: its entries stay pending for the reaper.
            if (p.incarnation != incarnation || !p.pod->running) return;
            if (ok) {
                finish_write(p, *batch, from);
                then();
                return;
            }
            // The message being inserted failed (no SQLSTATE: transient); the loop goes on.
            failed(p, (*batch)[from], WriteFailure::Transient);
            write(p, std::move(batch), from + 1, std::move(then));
        },
        work);
}

void AuditService::Impl::finish_write(AuditPod& p, const std::vector<Write>& batch, std::size_t from) {
    written.clear();
    for (std::size_t i = from; i < batch.size(); ++i) {
        const Write& w = batch[i];
        // Another delivery of the same entry stored or dead-lettered it meanwhile.
        if (ctx.audit_events.place(w.event) != AuditPlace::Stream) continue;
        if (sim::des::bernoulli(datastore_errors, svc.datastore_error_rate_)) {
            failed(p, w, svc.datastore_error_kind_);
            continue;
        }
        svc.ledger_.append(w.event, ctx.sim.now());
        ctx.audit_events.move(w.event, AuditPlace::Stored);
        p.inserts->inc();
        ++stored;
        if (redis_reachable()) written.push_back(w.entry);
    }
    acknowledge(written);  // one XACK for the batch
}

void AuditService::Impl::failed(AuditPod& p, const Write& w, WriteFailure kind) {
    if (ctx.audit_events.place(w.event) != AuditPlace::Stream) return;
    ++write_errors;
    // Permanent errors dead-letter at once; transient ones once this was the last allowed delivery.
    if (kind == WriteFailure::Permanent || w.delivery >= static_cast<std::uint64_t>(cfg.max_deliveries))
        dead_letter(p, w.entry, w.event);
}

void AuditService::Impl::acknowledge(EntryId id) { acknowledge(std::span(&id, 1)); }

void AuditService::Impl::acknowledge(std::span<const EntryId> ids) {
    events.ack(kGroup, ids);
    pel_events.erase(ids);
}

void AuditService::Impl::drop_trimmed(EntryId id) {
    const auto event = pel_events.find(id);
    if (!event) return;
    ctx.audit_events.move(*event, AuditPlace::Lost);
    ++lost;
    acknowledge(id);
}

void AuditService::Impl::dead_letter(AuditPod& p, EntryId id, AuditEventId event) {
    p.dlq_total->inc();  // counted even when the DLQ XADD fails
    if (!redis_reachable()) return;  // XADD and XACK fail: the entry stays pending
    dlq.add(ctx.sim.now(), event);
    ctx.audit_events.move(event, AuditPlace::Dlq);
    ++dead_lettered;
    acknowledge(id);
    sync_mirrors();
}

void AuditService::Impl::poll_lag(AuditPod& p) {
    if (!redis_reachable()) return;  // XPENDING failed: the tick is skipped, the gauges keep their values
    sync_mirrors();
    const sim::Time now = ctx.sim.now();
    const PendingSummary pending = events.pending(kGroup);
    p.consumer_lag->set(static_cast<double>(pending.count));
    double pel_oldest = 0;
    if (pending.count > 0) {
        const std::vector<PendingEntry> lowest = events.pending_entries(kGroup, pending.min_id, 1);
        if (!lowest.empty()) pel_oldest = (now - lowest.front().delivered_at).secs();
    }
    p.pel_oldest->set(pel_oldest);
    p.dlq_size->set(static_cast<double>(undelivered_dlq.size()));
    const StreamEntry* oldest_dead = undelivered_dlq.oldest();
    p.dlq_oldest->set(oldest_dead ? (now - oldest_dead->produced_at).secs() : 0.0);
}

void AuditService::Impl::sweep(AuditPod& p, bool full) {
    const sim::Time started = ctx.sim.now();
    const Duration window = full ? cfg.tamper_full_window : cfg.tamper_window;
    const std::uint64_t incarnation = p.incarnation;
    ctx.postgres.query(*p.pod, [this, &p, full, started, window, incarnation](bool ok) {
        // A failed sweep query adds nothing.
        if (!ok || p.incarnation != incarnation || !p.pod->running) return;
        const TamperSweepCounts c = sweep_window(svc.ledger_, svc.ledger_.first_ingested_since(started - window));
        p.tamper_checked->inc(static_cast<double>(c.checked));
        p.tamper_mismatch->inc(static_cast<double>(c.mismatches));
        p.tamper_chain_breaks->inc(static_cast<double>(c.chain_breaks));
        p.tamper_hmac->inc(static_cast<double>(c.hmac_failures));
        p.tamper_last_sweep->set(ctx.sim.now().unix_secs());
        if (full) p.tamper_last_full->set(ctx.sim.now().unix_secs());
        tamper_violations += c.mismatches + c.chain_breaks + c.hmac_failures;
    });
}

void AuditService::Impl::check_liveness(AuditPod& p) {
    if (!p.started) {
        if (p.healthy) {
            p.started = true;
        } else if (ctx.sim.now() >= p.startup_deadline) {
            ++restarts;
            begin_process(p);
            p.startup_deadline = ctx.sim.now() + kStartupBudget;
        }
        return;
    }
    p.liveness_failures = p.healthy ? 0 : p.liveness_failures + 1;
    if (p.liveness_failures < ctx.profile.kubernetes.probe_failure_threshold) return;
    // /health failed failureThreshold times in a row: the kubelet restarts the container, which
    // goes through its startup probe again.
    ++restarts;
    begin_process(p);
    p.started = false;
    p.startup_deadline = ctx.sim.now() + kStartupBudget;
}

AuditService::AuditService(WorldContext& ctx)
    : ServiceModel(ctx, Service::Audit, static_cast<int>(ctx.profile.replicas.audit)),
      ledger_(0x4341524130303033ULL),
      impl_(std::make_unique<Impl>(*this)) {
    const Profile::Audit& a = ctx.profile.audit;
    // Bookkeeping for the AuditBook, not Audit's own work: it runs whatever the faults.
    ctx.sim.every(a.consumer_poll, ctx.sim.now() + a.consumer_poll, [this] { impl_->sync_mirrors(); });
}

AuditService::~AuditService() = default;

void AuditService::start(Pod& pod) {
    const Profile::Audit& a = ctx_.profile.audit;
    auto state = std::make_unique<AuditPod>();
    AuditPod& p = *state;
    p.pod = &pod;
    sim::scrape::Registry& m = pod.metrics;
    p.consumer_lag = &m.gauge("caracal_audit_consumer_lag");
    p.pel_oldest = &m.gauge("caracal_audit_consumer_pel_oldest_seconds");
    p.dlq_size = &m.gauge("caracal_audit_dlq_size");
    p.dlq_oldest = &m.gauge("caracal_audit_dlq_oldest_age_seconds");
    p.inserts = &m.counter("caracal_audit_inserts_total");
    p.dlq_total = &m.counter("caracal_audit_dlq_total");
    p.retries = &m.counter("caracal_audit_retries_total");
    p.tamper_checked = &m.counter("caracal_audit_tamper_checked_total");
    p.tamper_mismatch = &m.counter("caracal_audit_tamper_mismatch_total");
    p.tamper_chain_breaks = &m.counter("caracal_audit_tamper_chain_breaks_total");
    p.tamper_hmac = &m.counter("caracal_audit_tamper_hmac_failures_total");
    p.tamper_last_sweep = &m.gauge("caracal_audit_tamper_last_sweep_unix");
    p.tamper_last_full = &m.gauge("caracal_audit_tamper_last_full_unix");
    // Classification counters nothing in the twin produces (no malformed events): exported at 0.
    for (const char* name : {"caracal_audit_hmac_failures_total", "caracal_audit_parse_errors_total",
                             "caracal_audit_tamper_replay_total"})
        m.counter(name);
    ctx_.postgres.add_client(pod);
    impl_->every(p, ".consume", a.consumer_poll, &Impl::poll);
    impl_->every(p, ".reap", a.claim_interval, &Impl::reap_tick);
    impl_->every(p, ".liveness", ctx_.profile.kubernetes.probe_period, &Impl::check_liveness);
    impl_->begin_process(p);
    // A pod present when the run starts has been consuming for a while already.
    p.healthy = true;
    p.draining_own = false;
    impl_->pods[pod.name] = std::move(state);
}

ProbeOutcome AuditService::ready_check(const Pod& pod, sim::Time) const {
    const AuditPod& p = *impl_->pods.at(pod.name);
    if (!p.healthy) return ProbeOutcome::failure();
    const ProbeOutcome deps = check_dependencies();
    if (!deps.ok) return deps;
    // The optional limits read the process' own gauges; 0 turns a limit off.
    const Profile::Audit& a = ctx_.profile.audit;
    const auto over = [](double value, double limit) { return limit > 0 && value > limit; };
    if (over(p.dlq_size->value(), static_cast<double>(a.ready_dlq_max)) ||
        over(p.consumer_lag->value(), static_cast<double>(a.ready_lag_max)) ||
        over(p.pel_oldest->value(), a.ready_pel_oldest_max.secs()))
        return ProbeOutcome::failure();
    return ProbeOutcome::success();
}

void AuditService::tamper_latest_record() {
    const ChainSeq seq = ledger_.last_seq();
    const ChainRow* row = ledger_.row(seq);
    if (!row) return;  // nothing stored yet
    const std::uint64_t original = row->content;
    auto& tampered = impl_->tampered;
    if (std::none_of(tampered.begin(), tampered.end(), [seq](const auto& t) { return t.first == seq; }))
        tampered.emplace_back(seq, original);
    ledger_.tamper(seq, ~original);
}

void AuditService::restore_from_backup() {
    // The backup holds the rows as written: putting the original content back matches the
    // unchanged hashes again.
    for (const auto& [seq, content] : impl_->tampered) ledger_.tamper(seq, content);
    impl_->tampered.clear();
}

std::size_t AuditService::replay_dlq() {
    if (!impl_->redis_reachable()) return 0;
    impl_->sync_mirrors();
    const std::vector<StreamEntry> replayed = impl_->undelivered_dlq.take_all();
    for (const StreamEntry& e : replayed) {
        impl_->events.add(ctx_.sim.now(), e.payload);
        ctx_.audit_events.move(e.payload, AuditPlace::Stream);
    }
    impl_->sync_mirrors();
    return replayed.size();
}

void AuditService::reconcile_book() { impl_->sync_mirrors(); }

std::uint64_t AuditService::stored() const { return impl_->stored; }
std::uint64_t AuditService::dead_lettered() const { return impl_->dead_lettered; }
std::uint64_t AuditService::dlq_events() const { return impl_->undelivered_dlq.size(); }
std::uint64_t AuditService::write_errors() const { return impl_->write_errors; }
std::uint64_t AuditService::lost() const { return impl_->lost; }
std::uint64_t AuditService::tamper_violations() const { return impl_->tamper_violations; }
std::uint64_t AuditService::restarts() const { return impl_->restarts; }

}  // namespace caracal
