// Which routes an alert takes through the tree, as Alertmanager's dispatcher walks it: depth
// first; a route that matches is taken unless one of its children matches (then the child's
// match replaces it); after a match, later siblings are tried only when the matching route has
// `continue: true`. The root always matches.
#pragma once

#include <vector>

#include "sim/alertmanager/config.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::alertmanager {

bool matches_all(const std::vector<tsdb::Matcher>& matchers, const tsdb::Labels& labels);

std::vector<const Route*> matching_routes(const Route& root, const tsdb::Labels& labels);

}  // namespace sim::alertmanager
