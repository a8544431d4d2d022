// The routing tree drawn as amtool 0.25 draws it (`amtool config routes show`, and `routes test
// --tree` for the routes one alert takes): one line per route, `default-route` for a route without
// matchers, box-drawing edges as the treeprint library of that release prints them.
#pragma once

#include <string>

#include "sim/alertmanager/config.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::alertmanager {

// Every route, each with `continue: true` when set and its receiver. Ends with a newline.
std::string route_tree_text(const Route& root);

// The routes `labels` passes through; the receiver is shown only on the routes where it ends.
std::string matching_tree_text(const Route& root, const tsdb::Labels& labels);

}  // namespace sim::alertmanager
