// How the report prints what it reads of the rules (sim::alerting::RuleFacts, carried by the run):
// thresholds, and the condition an alert watches.
#pragma once

#include <string>

#include "sim/alerting/rule_facts.hpp"

namespace caracal::report {

// "> 1000": the operator and threshold of a watched condition.
std::string comparison_text(const sim::alerting::WatchedCondition& condition);

// A number for reports: whole or large values without decimals, others to 3 significant digits.
std::string format_number(double v);

}  // namespace caracal::report
