#include "sim/alertmanager/route_match.hpp"

namespace sim::alertmanager {

bool matches_all(const std::vector<tsdb::Matcher>& matchers, const tsdb::Labels& labels) {
    for (const auto& m : matchers) {
        if (!m.matches(labels.get(m.name()))) return false;
    }
    return true;
}

namespace {

// Appends the routes `labels` takes under `route`, which is known to match.
void descend(const Route& route, const tsdb::Labels& labels, std::vector<const Route*>& out) {
    const auto before = out.size();
    for (const auto& child : route.routes) {
        if (!matches_all(child.matchers, labels)) continue;
        descend(child, labels, out);
        if (!child.continue_matching) break;
    }
    // No child took the alert: this route is where it ends.
    if (out.size() == before) out.push_back(&route);
}

}  // namespace

std::vector<const Route*> matching_routes(const Route& root, const tsdb::Labels& labels) {
    std::vector<const Route*> out;
    descend(root, labels, out);
    return out;
}

}  // namespace sim::alertmanager
