// Alertmanager's matcher syntax (0.25, pkg/labels): `name="value"`, `name=~"re"`, `name!=value`,
// `name!~re`, with the value quoted or bare, and comma-separated lists with optional braces
// (`{a="b", c=~"d|e"}`), as config files, amtool arguments and `routes show` use it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/tsdb/matcher.hpp"

namespace sim::alertmanager {

// One matcher. Throws std::invalid_argument saying what is wrong (bad format, stray quote, bad
// regex).
tsdb::Matcher parse_matcher(std::string_view text);

// A comma-separated list; commas inside double quotes do not separate. Braces and one trailing
// comma are optional; an empty text is an empty list.
std::vector<tsdb::Matcher> parse_matchers(std::string_view text);

// `name="value"` with `\`, newline and `"` escaped, as Alertmanager prints a matcher.
std::string format_matcher(const tsdb::Matcher& m);
// `{a="b",c=~"d"}`: the list as Alertmanager prints it (route keys, `routes show`).
std::string format_matchers(const std::vector<tsdb::Matcher>& ms);

// Alertmanager's order for a route's matchers: by name, then value, then operator.
void sort_matchers(std::vector<tsdb::Matcher>& ms);

}  // namespace sim::alertmanager
