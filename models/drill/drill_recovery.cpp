// Recovery after the fault is removed: alerts resolve, readiness returns, backlogs drain and
// freshness returns; each condition's TTR is from the end of the fault.
#include <algorithm>
#include <map>
#include <sstream>

#include "models/drill/drill_check_parts.hpp"
#include "sim/promql/parser.hpp"

namespace caracal::drill {

namespace {

struct Backlog {
    const char* what;
    const char* expr;
};

constexpr Backlog kBacklogs[] = {
    {"STS audit replay files", "sum(caracal_sts_audit_replay_files)"},
    {"Gateway audit replay files", "sum(caracal_gateway_audit_replay_files)"},
    {"audit pending entries", "max(caracal_audit_consumer_lag)"},
    // Every API pod reports the same table (the outbox query runs at scrape), so not a sum.
    {"API outbox", "max(caracal_api_outbox_pending_total)"},
    // The Coordinator's outbox is not here: its /metrics needs an operator token the chart's
    // ServiceMonitor does not send (apps/coordinator/src/auth.ts:77,160-176@46a980b6c).
};
constexpr Backlog kDlq{"audit DLQ", "max(caracal_audit_dlq_size)"};

// The freshness alerts whose expressions say "stale" (their thresholds are the rule file's).
constexpr const char* kFreshnessAlerts[] = {"CaracalGatewayRevocationSnapshotStale", "CaracalSTSPolicyBundleStale"};

Duration ttr(const RunResult& run, sim::Time restored) { return std::max(Duration(), restored - run.fault_end); }

// Signed: negative when `t` is before the end of the fault (an alert that cleared during it).
Duration signed_ttr(const RunResult& run, sim::Time t) { return t - run.fault_end; }

std::string after_fault(const RunResult& run, sim::Time t) {
    std::string out(1, '+');
    return out.append(sim::format_duration(ttr(run, t))).append(" after the fault");
}

RecoveryVerdict alerts_resolved(const RunResult& run, const std::vector<AlertRecovery>& alerts) {
    RecoveryVerdict out{RecoveryCondition::AlertsResolved, false, Duration(), {}};
    std::vector<std::string> active;
    std::optional<Duration> latest;  // signed: negative when every alert cleared during the fault
    for (const auto& a : alerts) {
        if (!a.ttr) active.push_back(a.alert);
        else latest = latest ? std::max(*latest, *a.ttr) : *a.ttr;
    }
    if (latest) out.ttr = *latest;
    if (!active.empty()) {
        out.ttr.reset();
        out.detail = "still active at the end: " + active.front() + (active.size() > 1 ? " and others" : "");
    } else {
        out.detail = alerts.empty() ? "no alert was active after injection" : std::to_string(alerts.size()) + " alert(s) resolved";
        if (latest && *latest < Duration()) out.detail += ", all during the fault";
    }
    return out;
}

RecoveryVerdict readiness_restored(const RunResult& run, const std::vector<PodHistory>& pods) {
    RecoveryVerdict out{RecoveryCondition::ReadinessRestored, false, std::nullopt, {}};
    sim::Time restored = run.fault_end;
    for (const auto& pod : pods) {
        const bool needed = pod.running_at(run.injection) || pod.running_at(run.end);
        if (needed && !pod.ready_at(run.end)) {
            out.detail = pod.pod + (pod.running_at(run.end) ? " is not ready" : " is not running") + " at the end";
            return out;
        }
        if (const auto changed = pod.last_change(run.end)) restored = std::max(restored, *changed);
    }
    out.ttr = ttr(run, restored);
    out.detail = "every pod ready " + after_fault(run, restored);
    return out;
}

// A backlog's green-baseline range: the most it held during warm-up, plus a tolerance of 10% of
// that (at least 1 entry, file or row), so that the noise of a steady level is not a backlog.
double baseline_ceiling(const RunQuery& query, const sim::promql::Expr& expr, const std::vector<sim::Time>& warmup,
                        bool& seen) {
    double most = 0;
    seen = false;
    for (sim::Time t : warmup)
        if (const auto v = query.value(expr, t)) {
            seen = true;
            most = std::max(most, *v);
        }
    return most + std::max(1.0, 0.1 * most);
}

// Each backlog is judged against its own warm-up range, and only when the fault touched it: when,
// after injection, it rose above that range. It is drained from the instant it is back within the
// range for good, so its TTR grows with how far it rose. A backlog the run never produced (no
// series during warm-up) is not judged.
RecoveryVerdict backlogs_drained(const RunQuery& query, const CheckOptions& options) {
    const RunResult& run = query.run();
    std::vector<Backlog> backlogs(std::begin(kBacklogs), std::end(kBacklogs));
    const bool replayed = std::any_of(run.steps.begin(), run.steps.end(),
                                      [](const AppliedStep& s) { return s.fault.rfind("replay_dlq", 0) == 0; });
    if (replayed) backlogs.push_back(kDlq);
    const auto warmup = grid(run.start, run.injection, options.sample_step);
    const auto after_injection = grid(run.injection, run.end, options.sample_step);
    const auto recovery = grid(run.fault_end, run.end, options.sample_step);
    RecoveryVerdict out{RecoveryCondition::BacklogsDrained, false, Duration(), {}};
    sim::Time latest = run.fault_end;
    std::string slowest;
    for (const auto& b : backlogs) {
        const auto expr = sim::promql::parse(b.expr);
        bool produced = false;
        const double ceiling = baseline_ceiling(query, *expr, warmup, produced);
        if (!produced) continue;
        double peak = 0;
        for (sim::Time t : after_injection) peak = std::max(peak, query.value(*expr, t).value_or(0));
        if (peak <= ceiling) continue;  // the fault did not touch it
        const auto drained = settled_from(recovery, [&](sim::Time t) {
            const auto v = query.value(*expr, t);
            return v && *v <= ceiling;
        });
        const auto count = [](double v) { return std::to_string(static_cast<long long>(v)); };
        if (!drained) {
            const auto v = query.value(*expr, run.end);
            out.ttr.reset();
            out.detail = std::string(b.what) + " at " + (v ? count(*v) : "no data") + " at the end (peak " +
                         count(peak) + ", warm-up range up to " + count(ceiling) + ")";
            return out;
        }
        if (*drained >= latest) {
            latest = *drained;
            slowest = std::string(b.what) + ", peak " + count(peak) + " against a warm-up range up to " + count(ceiling);
        }
    }
    out.ttr = ttr(run, latest);
    const std::string dlq = replayed ? "" : "; the DLQ was not replayed, so not counted";
    out.detail = slowest.empty() ? "no backlog rose above its warm-up range" + dlq
                                 : "back within warm-up range " + after_fault(run, latest) + " (last: " + slowest + ")" + dlq;
    return out;
}

RecoveryVerdict freshness_restored(const RunQuery& query, const CheckOptions& options) {
    const RunResult& run = query.run();
    const auto recovery = grid(run.fault_end, run.end, options.sample_step);
    RecoveryVerdict out{RecoveryCondition::FreshnessRestored, false, Duration(), {}};
    sim::Time latest = run.fault_end;
    std::vector<std::string> checked, unchecked;
    for (const char* alert : kFreshnessAlerts) {
        const auto rule = run.rules.find(alert);
        if (rule == run.rules.end()) {
            unchecked.push_back(alert);
            continue;
        }
        const sim::promql::Expr& expr = *rule->second.expr;
        const auto fresh = settled_from(recovery, [&](sim::Time t) { return !query.value(expr, t); });
        if (!fresh) {
            out.ttr.reset();
            out.detail = std::string(alert) + "'s condition still holds at the end";
            return out;
        }
        latest = std::max(latest, *fresh);
        checked.push_back(alert);
    }
    out.ttr = ttr(run, latest);
    const auto join = [](const std::vector<std::string>& names) {
        std::string text;
        for (const auto& n : names) text += (text.empty() ? "" : " and ") + n;
        return text;
    };
    if (checked.empty()) {
        out.detail = "not checked: " + join(unchecked) + " not in the rule file";
        return out;
    }
    out.detail = "under the thresholds of " + join(checked);
    out.detail.append(" ").append(after_fault(run, latest));
    if (!unchecked.empty()) out.detail += "; " + join(unchecked) + " not in the rule file";
    return out;
}

}  // namespace

std::vector<AlertRecovery> alert_recovery(const RunResult& run) {
    std::map<std::string, AlertRecovery> by_name;
    for (const auto& a : run.alerts)
        for (const auto& e : sim::alerting::alert_episodes(a.transitions)) {
            if (e.resolved_at && *e.resolved_at <= run.injection) continue;  // over before the fault
            auto [it, fresh] = by_name.try_emplace(a.name, AlertRecovery{a.name, std::nullopt});
            AlertRecovery& r = it->second;
            if (!e.resolved_at) {
                r.ttr.reset();
                r.unresolved = true;
            } else if (!r.unresolved) {
                const Duration t = signed_ttr(run, *e.resolved_at);
                r.ttr = r.ttr ? std::max(*r.ttr, t) : t;
            }
        }
    std::vector<AlertRecovery> out;
    for (auto& [_, r] : by_name) out.push_back(std::move(r));
    return out;
}

std::vector<RecoveryVerdict> check_recovery(const Expectations& expected, const RunQuery& query,
                                            const std::vector<PodHistory>& pods,
                                            const std::vector<AlertRecovery>& alerts,
                                            const CheckOptions& options) {
    std::vector<RecoveryVerdict> out{alerts_resolved(query.run(), alerts), readiness_restored(query.run(), pods),
                                     backlogs_drained(query, options), freshness_restored(query, options)};
    for (auto& r : out) r.required = expected.requires_recovery(r.condition);
    return out;
}

}  // namespace caracal::drill
