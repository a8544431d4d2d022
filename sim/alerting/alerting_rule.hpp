// An alerting rule: turns each element of its expression's result into an alert instance and
// moves it through inactive → pending → firing → inactive exactly as Prometheus 2.42 does.
#pragma once

#include <map>
#include <vector>

#include "sim/alerting/alert.hpp"
#include "sim/alerting/rule.hpp"
#include "sim/alerting/template.hpp"

namespace sim::alerting {

// A label or annotation of an alerting rule: its name and the template its value is.
struct TemplatedField {
    std::string name;
    Template value;
};

struct AlertingRuleSpec {
    Duration hold;  // `for`
    Duration keep_firing_for;
    std::vector<TemplatedField> annotations;
};

class AlertingRule : public Rule {
public:
    AlertingRule(std::string name, SourcePos pos, std::string expr_text, promql::ExprPtr expr,
                 std::vector<TemplatedField> labels, AlertingRuleSpec spec);

    // Without alerts, not restored, no transition log.
    std::unique_ptr<Rule> clone() const override;

    AlertingRule* as_alerting() override { return this; }
    const AlertingRule* as_alerting() const override { return this; }

    Duration hold() const { return spec_.hold; }
    Duration keep_firing_for() const { return spec_.keep_firing_for; }
    const std::vector<TemplatedField>& annotations() const { return spec_.annotations; }

    // Pending and firing alerts, sorted by labels.
    std::vector<Alert> active_alerts() const;
    // Every alert held in memory, resolved ones (kept 15 minutes) included, sorted by labels.
    std::vector<Alert> all_alerts() const;

    // ALERTS and ALERTS_FOR_STATE are written only once the rule is restored (Prometheus restores
    // `for` state after a restart; promtool marks every rule restored up front).
    void set_restored(bool restored) { restored_ = restored; }
    bool restored() const { return restored_; }

    // When set, every state change is appended there (a `for: 0` alert logs inactive → pending →
    // firing at one instant, as Prometheus passes through pending internally). The log must
    // outlive the rule.
    void set_transition_log(std::vector<AlertTransition>* log) { log_ = log; }

protected:
    AlertingRule(const AlertingRule& other, Definition d);

    promql::Vector evaluate(Time ts, Duration query_offset, const tsdb::Storage& storage,
                            const RuleContext& ctx, int limit) override;

private:
    void transition(Time at, Alert& alert, AlertState to);

    std::vector<TemplatedField> label_templates_;  // Rule::labels(), compiled
    AlertingRuleSpec spec_;
    std::map<tsdb::Labels, Alert> alerts_;  // keyed by the alert's identity labels
    bool restored_ = false;
    std::vector<AlertTransition>* log_ = nullptr;
};

}  // namespace sim::alerting
