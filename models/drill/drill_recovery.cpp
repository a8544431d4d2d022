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
    {"STS audit replay volumes", "sum(caracal_sts_audit_replay_pending_events)"},
    {"Gateway audit replay volumes", "sum(caracal_gateway_audit_replay_pending_events)"},
    {"audit pending entries", "max(caracal_audit_consumer_lag)"},
    {"API outbox", "sum(caracal_api_outbox_pending_total)"},
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

RecoveryVerdict backlogs_drained(const RunQuery& query, const CheckOptions& options) {
    const RunResult& run = query.run();
    std::vector<Backlog> backlogs(std::begin(kBacklogs), std::end(kBacklogs));
    const bool replayed = std::any_of(run.steps.begin(), run.steps.end(),
                                      [](const AppliedStep& s) { return s.fault.rfind("replay_dlq", 0) == 0; });
    if (replayed) backlogs.push_back(kDlq);
    const auto warmup = grid(run.start, run.injection, options.sample_step);
    const auto recovery = grid(run.fault_end, run.end, options.sample_step);
    RecoveryVerdict out{RecoveryCondition::BacklogsDrained, false, Duration(), {}};
    sim::Time latest = run.fault_end;
    std::string slowest;
    for (const auto& b : backlogs) {
        const auto expr = sim::promql::parse(b.expr);
        double level = 0;  // the green-baseline level: the most seen during warm-up
        for (sim::Time t : warmup) level = std::max(level, query.value(*expr, t).value_or(0));
        const auto drained = settled_from(recovery, [&](sim::Time t) {
            const auto v = query.value(*expr, t);
            return v && *v <= level;
        });
        if (!drained) {
            const auto v = query.value(*expr, run.end);
            out.ttr.reset();
            out.detail = std::string(b.what) + " at " + (v ? std::to_string(static_cast<long long>(*v)) : "no data") +
                         " at the end (baseline " + std::to_string(static_cast<long long>(level)) + ")";
            return out;
        }
        if (*drained >= latest) {
            latest = *drained;
            slowest = b.what;
        }
    }
    out.ttr = ttr(run, latest);
    out.detail = "back to baseline " + after_fault(run, latest) + " (last: " + slowest + ")" +
                 (replayed ? "" : "; the DLQ was not replayed, so not counted");
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
