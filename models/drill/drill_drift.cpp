// Docs drift for one scenario: the documented drill's alerts and "then" orders against the
// scenario's expectations.
#include <algorithm>

#include "models/drill/drill_check_parts.hpp"

namespace caracal::drill {

std::vector<std::string> drill_drift(const Scenario& scenario, const CheckOptions& options) {
    std::vector<std::string> out;
    if (scenario.drill.empty()) return out;  // a what-if implements no documented drill
    const DocumentedDrill* docs = options.documented;
    if (!docs) return {"the docs have no drill \"" + scenario.drill + "\""};
    const Expectations& e = scenario.expectations;
    for (const auto& n : docs->alerts)
        if (!e.mentions(n)) out.push_back("documented alert " + n + " is not expected by the scenario");
    for (const auto& a : e.alerts)
        for (const auto& n : a.names)
            if (std::find(docs->alerts.begin(), docs->alerts.end(), n) == docs->alerts.end())
                out.push_back("expected alert " + n + " is not documented for this drill");
    for (const auto& [earlier, later] : docs->order)
        if (!e.asserts_order(earlier, later))
            out.push_back("documented order " + earlier + " then " + later + " is not asserted by the scenario");
    return out;
}

}  // namespace caracal::drill
