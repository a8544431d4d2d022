// The docs' Recover cell as steps, each with the simulated recovery conditions that prove it. The
// cell is prose ("Restore Redis, verify streams and consumer groups, drain replay backlog and
// DLQ, ..."), so a step is a comma-separated clause and the proving conditions are read from the
// words it uses; a clause with none of them is a manual check the twin does not model.
#include <algorithm>
#include <cctype>
#include <utility>

#include "report/report_model.hpp"

namespace caracal::report {

namespace {

// The words in a recovery clause that name what each condition measures.
const std::pair<RecoveryCondition, std::vector<std::string>> kConditionWords[] = {
    {RecoveryCondition::AlertsResolved, {"alert", "clear", "closes"}},
    {RecoveryCondition::ReadinessRestored, {"ready", "readiness", "restore", "stabiliz"}},
    {RecoveryCondition::BacklogsDrained, {"drain", "replay", "dlq", "backlog", "outbox"}},
    {RecoveryCondition::FreshnessRestored, {"fresh", "snapshot", "bundle", "policy"}},
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" .");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" .") - first + 1);
}

// "A, B, and C." → A / B / C.
std::vector<std::string> clauses(const std::string& cell) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from <= cell.size()) {
        const std::size_t comma = std::min(cell.find(',', from), cell.size());
        std::string clause = trimmed(cell.substr(from, comma - from));
        if (clause.rfind("and ", 0) == 0) clause = clause.substr(4);
        if (!clause.empty()) out.push_back(clause);
        from = comma + 1;
    }
    return out;
}

std::vector<RecoveryVerdict> proofs(const std::string& clause, const std::vector<RecoveryVerdict>& conditions) {
    const std::string words = lower(clause);
    std::vector<RecoveryVerdict> out;
    for (const auto& c : conditions)
        for (const auto& [condition, names] : kConditionWords)
            if (condition == c.condition &&
                std::any_of(names.begin(), names.end(), [&](const std::string& w) { return words.find(w) != std::string::npos; }))
                out.push_back(c);
    return out;
}

}  // namespace

std::vector<RecoveryStep> recovery_steps(const std::string& documented_recover,
                                         const std::vector<RecoveryVerdict>& conditions) {
    std::vector<RecoveryStep> out;
    for (const auto& clause : clauses(documented_recover)) out.push_back({clause, proofs(clause, conditions)});
    // "After the Drill": every drill confirms the green baseline returns, condition by condition.
    for (const auto& c : conditions) out.push_back({"After the drill: " + std::string(to_string(c.condition)), {c}});
    return out;
}

}  // namespace caracal::report
