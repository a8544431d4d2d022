#include "models/services/audit_service.hpp"

#include "models/platform/first_tick.hpp"

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
#include "sim/des/distributions.hpp"

namespace caracal {

namespace {

// A std::string: ConsumerControl looks groups up by std::string, RedisStream by string_view.
const std::string kGroup = "audit-ingestor";

// One stream entry to insert into audit_events.
struct Write {
    EntryId entry = 0;
    AuditEventId event = 0;
};

// The group-level values an Audit pod's exporter reads from Redis (XINFO GROUPS, XPENDING, XLEN).
struct GroupView {
    double lag = 0;
    double pending = 0;
    double pending_oldest_age = 0;  // seconds
    double dlq = 0;
};

struct AuditPod {
    Pod* pod = nullptr;
    bool busy = false;      // the consumer loop is writing a batch
    bool starting = true;   // on (re)start the consumer first drains its own pending entries
    sim::scrape::Registry::Counter* stored = nullptr;
    sim::scrape::Registry::Counter* write_errors = nullptr;
    sim::scrape::Registry::Counter* tamper_violations = nullptr;
    GroupView view;  // as of the last scrape that could reach Redis
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

    void poll(AuditPod& p);
    void claim(AuditPod& p);
    void sweep();
    // Sorts deliveries: trimmed ones are lost, over-delivered ones dead-lettered, stored ones
    // acknowledged; returns what still has to be written.
    std::vector<Write> triage(const std::vector<Delivery>& deliveries);
    // Writes in one query; `then(ok)` runs when it is done.
    void write(AuditPod& p, std::vector<Write> batch, std::function<void(bool)> then);
    void finish_write(AuditPod& p, const std::vector<Write>& batch, bool ok);
    void drop_trimmed(EntryId id);
    void dead_letter(EntryId id, AuditEventId event);
    void acknowledge(EntryId id);
    void acknowledge(std::span<const EntryId> ids);
    void sync_mirrors();
    // New entries old enough to process under the group's delay, at most `limit`.
    std::size_t ready_to_read(sim::Time now, std::size_t limit) const;
    GroupView group_view(sim::Time now) const;
    bool redis_reachable() const { return ctx.redis.reachable(Service::Audit); }

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
    TamperSweeper sweeper;
    std::vector<std::pair<ChainSeq, std::uint64_t>> tampered;  // rows changed out of band: original content
    std::uint64_t stored = 0;
    std::uint64_t dead_lettered = 0;
    std::uint64_t write_errors = 0;
    std::uint64_t lost = 0;
    std::uint64_t tamper_violations = 0;
};

void AuditService::Impl::sync_mirrors() {
    const auto lose = [this](const StreamEntry& e) {
        ctx.audit_events.move(e.payload, AuditPlace::Lost);
        ++lost;
    };
    unread.sync(events, lose);
    undelivered_dlq.sync(dlq, lose);
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
    Pod& pod = *p.pod;
    if (!pod.running) {
        p.starting = true;
        return;
    }
    if (p.busy || ctx.consumers.paused(kGroup) || !redis_reachable()) return;
    sync_mirrors();
    const sim::Time now = ctx.sim.now();
    bool full = false;
    if (p.starting) {
        p.starting = false;
        deliveries = events.read_pending(kGroup, pod.name, std::numeric_limits<std::size_t>::max(), now);
    } else {
        const auto limit = static_cast<std::size_t>(cfg.consumer_batch);
        const std::size_t n = ready_to_read(now, limit);
        if (n == 0) return;
        deliveries.clear();
        events.read_new(kGroup, pod.name, n, now, deliveries);
        unread.take_through(events.last_delivered(kGroup));
        for (const Delivery& d : deliveries) pel_events.insert(d.id, d.entry->payload);
        full = deliveries.size() == limit;
    }
    p.busy = true;
    write(p, triage(deliveries), [this, &p, full](bool ok) {
        p.busy = false;
        // A full read means more is waiting: XREADGROUP returns at once instead of blocking.
        if (ok && full) ctx.sim.schedule_after(Duration(), [this, &p] { poll(p); });
    });
}

void AuditService::Impl::claim(AuditPod& p) {
    Pod& pod = *p.pod;
    if (!pod.running || ctx.consumers.paused(kGroup) || !redis_reachable()) return;
    sync_mirrors();
    // XAUTOCLAIM pages through the whole PEL each time; every page of retries is its own query.
    EntryId cursor = 0;
    do {
        ClaimResult r = events.claim_idle(kGroup, pod.name, cfg.claim_min_idle,
                                          static_cast<std::size_t>(cfg.consumer_batch), ctx.sim.now(), cursor);
        cursor = r.next_cursor;
        for (EntryId id : r.deleted) drop_trimmed(id);
        write(p, triage(r.claimed), [](bool) {});
    } while (cursor != 0);
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
        else if (d.delivery_count > static_cast<std::uint64_t>(cfg.max_deliveries))
            dead_letter(d.id, event);
        else
            out.push_back(Write{d.id, event});
    }
    return out;
}

void AuditService::Impl::write(AuditPod& p, std::vector<Write> batch, std::function<void(bool)> then) {
    if (batch.empty()) {
        then(true);
        return;
    }
    const Duration work = cfg.write_time * static_cast<std::int64_t>(batch.size());
    ctx.postgres.query(
        *p.pod,
        [this, &p, batch = std::move(batch), then = std::move(then)](bool ok) {
            // A pod stopped meanwhile never commits: its entries stay pending for the claimer.
            if (p.pod->running) finish_write(p, batch, ok);
            then(ok && p.pod->running);
        },
        work);
}

void AuditService::Impl::finish_write(AuditPod& p, const std::vector<Write>& batch, bool ok) {
    written.clear();
    for (const Write& w : batch) {
        // Another delivery of the same entry stored or dead-lettered it meanwhile.
        if (ctx.audit_events.place(w.event) != AuditPlace::Stream) continue;
        if (!ok || sim::des::bernoulli(datastore_errors, svc.datastore_error_rate_)) {
            p.write_errors->inc();
            ++write_errors;
            continue;  // stays in the PEL
        }
        svc.ledger_.append(w.event);
        ctx.audit_events.move(w.event, AuditPlace::Stored);
        p.stored->inc();
        ++stored;
        if (redis_reachable()) written.push_back(w.entry);
    }
    acknowledge(written);  // one XACK for the batch
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

void AuditService::Impl::dead_letter(EntryId id, AuditEventId event) {
    dlq.add(ctx.sim.now(), event);
    ctx.audit_events.move(event, AuditPlace::Dlq);
    ++dead_lettered;
    acknowledge(id);
    sync_mirrors();
}

void AuditService::Impl::sweep() {
    const std::vector<Pod*> running = svc.deployment_.running();
    if (running.empty()) return;
    Pod* leader = running.front();  // the lowest-numbered running pod sweeps
    ctx.postgres.query(*leader, [this, leader](bool ok) {
        if (!ok || !leader->running) return;
        const std::size_t fresh = sweeper.sweep(svc.ledger_);
        pods.at(leader->name)->tamper_violations->inc(static_cast<double>(fresh));
        tamper_violations += fresh;
    });
}

GroupView AuditService::Impl::group_view(sim::Time now) const {
    GroupView v;
    v.lag = static_cast<double>(events.lag(kGroup));
    const PendingSummary pending = events.pending(kGroup);
    v.pending = static_cast<double>(pending.count);
    if (pending.oldest_delivery) v.pending_oldest_age = (now - *pending.oldest_delivery).secs();
    v.dlq = static_cast<double>(undelivered_dlq.size());
    return v;
}

AuditService::AuditService(WorldContext& ctx)
    : ServiceModel(ctx, Service::Audit, static_cast<int>(ctx.profile.replicas.audit)),
      ledger_(0x4341524130303033ULL),
      impl_(std::make_unique<Impl>(*this)) {
    const Profile::Audit& a = ctx.profile.audit;
    // Bookkeeping for the AuditBook, not Audit's own work: it runs whatever the faults.
    ctx.sim.every(a.consumer_poll, ctx.sim.now() + a.consumer_poll, [this] { impl_->sync_mirrors(); });
    ctx.sim.every(a.tamper_sweep_interval, first_tick(ctx.sim, "audit.tamper-sweep", a.tamper_sweep_interval),
                  [this] { impl_->sweep(); });
}

AuditService::~AuditService() = default;

void AuditService::start(Pod& pod) {
    const Profile::Audit& a = ctx_.profile.audit;
    auto state = std::make_unique<AuditPod>();
    AuditPod& p = *state;
    p.pod = &pod;
    p.stored = &pod.metrics.counter("caracal_audit_events_stored_total");
    p.write_errors = &pod.metrics.counter("caracal_audit_write_errors_total");
    p.tamper_violations = &pod.metrics.counter("caracal_audit_tamper_violations_total");
    // What the latest sweep found broken: stays up until a sweep finds the chain intact again.
    pod.metrics.gauge_fn("caracal_audit_tamper_violations_outstanding", {},
                         [this](sim::Time) { return static_cast<double>(impl_->sweeper.outstanding()); });
    // Group-level values from Redis; an exporter that cannot reach Redis repeats its last values.
    const auto view = [this, &p](sim::Time now) -> const GroupView& {
        if (impl_->redis_reachable()) {
            impl_->sync_mirrors();
            p.view = impl_->group_view(now);
        }
        return p.view;
    };
    pod.metrics.gauge_fn("caracal_audit_consumer_lag_events", {}, [view](sim::Time now) { return view(now).lag; });
    pod.metrics.gauge_fn("caracal_audit_pending_entries", {}, [view](sim::Time now) { return view(now).pending; });
    pod.metrics.gauge_fn("caracal_audit_pending_oldest_age_seconds", {},
                         [view](sim::Time now) { return view(now).pending_oldest_age; });
    pod.metrics.gauge_fn("caracal_audit_dlq_events", {}, [view](sim::Time now) { return view(now).dlq; });
    ctx_.postgres.add_client(pod);
    ctx_.sim.every(a.consumer_poll, first_tick(ctx_.sim, pod.name + ".consume", a.consumer_poll), [this, &p] { impl_->poll(p); });
    ctx_.sim.every(a.claim_interval, first_tick(ctx_.sim, pod.name + ".claim", a.claim_interval), [this, &p] { impl_->claim(p); });
    impl_->pods[pod.name] = std::move(state);
}

ProbeOutcome AuditService::ready_check(const Pod&, sim::Time now) const {
    const ProbeOutcome deps = check_dependencies();
    if (!deps.ok) return deps;
    const Profile::Audit& a = ctx_.profile.audit;
    const GroupView v = impl_->group_view(now);
    if (v.dlq > static_cast<double>(a.ready_dlq_max) || v.lag > static_cast<double>(a.ready_lag_max) ||
        v.pending_oldest_age > a.ready_pel_oldest_max.secs())
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

}  // namespace caracal
