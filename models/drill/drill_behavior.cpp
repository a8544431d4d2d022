// Behaviour assertions over the fault window [injection, fault end]: readiness per service, fail
// closed, last good policy, nothing lost, revocations applied.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "models/drill/drill_check_parts.hpp"
#include "sim/promql/parser.hpp"
#include "sim/tsdb/sample.hpp"

namespace caracal::drill {

namespace {

std::string offset(const RunResult& run, sim::Time t) {
    return sim::format_duration(since_injection(run, t));
}

const InvariantCheck* invariant(const RunResult& run, const std::string& name) {
    const auto& checks = run.invariants.checks;
    const auto it = std::find_if(checks.begin(), checks.end(), [&](const InvariantCheck& c) { return c.name == name; });
    return it == checks.end() ? nullptr : &*it;
}

bool held(const InvariantCheck* c) { return c && c->verdict == Verdict::Held; }

std::string describe(const InvariantCheck* c, const std::string& name) {
    if (!c) return name + ": not computed by this run";
    return c->name + " " + std::string(to_string(c->verdict)) + " (" + c->detail + ")";
}

BehaviorVerdict readiness(const ExpectedReadiness& expected, const RunResult& run, const std::vector<PodHistory>& pods) {
    const sim::Time injected = just_before(run.injection);
    std::size_t total = 0, lost = 0;
    std::optional<sim::Time> first;
    for (const auto& pod : pods) {
        if (pod.service != expected.service || !pod.running_at(injected)) continue;
        ++total;
        if (const auto at = pod.lost_during(injected, run.fault_end)) {
            ++lost;
            if (!first || *at < *first) first = *at;
        }
    }
    const ReadinessLevel level = lost == 0       ? ReadinessLevel::Ready
                                 : lost == total ? ReadinessLevel::Unready
                                                 : ReadinessLevel::Degraded;
    std::ostringstream detail;
    detail << "expected " << to_string(expected.level) << ", was " << to_string(level) << ": " << lost << " of "
           << total << " pod(s) lost readiness";
    if (first) detail << ", first at +" << offset(run, *first);
    // Unready is a degraded service too: "degraded" asks that some pod lost readiness.
    const bool held = expected.level == ReadinessLevel::Degraded ? lost > 0 : level == expected.level;
    return {"readiness." + std::string(name(expected.service)), held && total > 0, detail.str()};
}

BehaviorVerdict fail_closed(const RunQuery& query) {
    const RunResult& run = query.run();
    const InvariantCheck* no_dispatch = invariant(run, "no_dispatch_without_exchange");
    // Read a minute past the fault end, so a fault shorter than a scrape interval still shows.
    const Duration settle = Duration::minutes(1);
    const auto denied_expr = sim::promql::parse("sum(increase(caracal_gateway_requests_total{outcome=~\"denied_.*\"}[" +
                                                sim::format_duration(run.fault_end - run.injection + settle) + "]))");
    const double denied = query.value(*denied_expr, run.fault_end + settle).value_or(0);
    std::ostringstream detail;
    detail << std::llround(denied) << " protected request(s) denied during the fault; " << describe(no_dispatch, "no_dispatch_without_exchange");
    return {"fail_closed", held(no_dispatch) && denied > 0, detail.str()};
}

// Every STS pod kept the version it had at injection through the fault while a newer one was
// activated: the newest did not load and the last good one stayed active.
BehaviorVerdict last_good_policy(const RunQuery& query) {
    const RunResult& run = query.run();
    std::vector<std::string> activations;
    for (const auto& s : run.steps)
        if (s.fault.rfind("activate_policy", 0) == 0 && s.applied_at >= run.injection && s.applied_at < run.fault_end)
            activations.push_back(s.fault + " at +" + offset(run, s.applied_at));
    const auto selector = sim::promql::parse("caracal_sts_policy_active_version");
    const auto& matchers = static_cast<const sim::promql::VectorSelector&>(*selector).matchers;
    std::size_t pods = 0;
    std::vector<std::string> changed;
    for (sim::tsdb::SeriesId id : run.storage->select(matchers)) {
        const auto& series = run.storage->series(id);
        std::optional<double> kept;
        for (const auto& s : series.samples) {
            if (s.t > run.injection || sim::tsdb::is_stale_nan(s.v)) continue;
            kept = s.v;
        }
        if (!kept) continue;
        ++pods;
        for (const auto& s : series.samples)
            if (s.t > run.injection && s.t < run.fault_end && !sim::tsdb::is_stale_nan(s.v) && s.v != *kept) {
                changed.push_back(std::string(series.labels.get("pod")) + " switched to version " +
                                  std::to_string(std::llround(s.v)) + " at +" + offset(run, s.t));
                break;
            }
    }
    std::ostringstream detail;
    if (activations.empty()) detail << "no policy activation during the fault to withhold";
    else if (pods == 0) detail << "no STS pod exported caracal_sts_policy_active_version at injection";
    else if (!changed.empty()) detail << changed.front();
    else detail << pods << " STS pod(s) kept their version through " << activations.front();
    return {"last_good_policy", !activations.empty() && pods > 0 && changed.empty(), detail.str()};
}

BehaviorVerdict nothing_lost(const RunResult& run) {
    const InvariantCheck* conserved = invariant(run, "audit_events_conserved");
    const InvariantCheck* not_lost = invariant(run, "audit_events_not_lost");
    return {"nothing_lost", held(conserved) && held(not_lost),
            describe(conserved, "audit_events_conserved") + "; " + describe(not_lost, "audit_events_not_lost")};
}

// Judged only on the revocations whose propagation budget (the Gateway reload interval) ended
// before the run did: one committed in the last budget of the run is still legitimately on its
// way (the invariant's Unsettled), which is no failure of the drill.
BehaviorVerdict revocations_applied(const RunResult& run) {
    const InvariantCheck* applied = invariant(run, "revocations_applied");
    const bool unsettled = applied && applied->verdict == Verdict::Unsettled;
    std::string detail = describe(applied, "revocations_applied");
    if (unsettled) detail += " (those are not judged: their propagation budget had not ended when the run did)";
    return {"revocations_applied", held(applied) || unsettled, detail};
}

}  // namespace

std::vector<BehaviorVerdict> check_behavior(const Expectations& expected, const RunQuery& query,
                                            const std::vector<PodHistory>& pods) {
    const ExpectedBehavior& b = expected.behavior;
    std::vector<BehaviorVerdict> out;
    for (const auto& r : b.readiness) out.push_back(readiness(r, query.run(), pods));
    if (b.fail_closed) out.push_back(fail_closed(query));
    if (b.last_good_policy) out.push_back(last_good_policy(query));
    if (b.nothing_lost) out.push_back(nothing_lost(query.run()));
    if (b.revocations_applied) out.push_back(revocations_applied(query.run()));
    return out;
}

}  // namespace caracal::drill
