// Prometheus' reReplaceAll and match: Go's regexp (RE2 syntax) with Go's replacement expansion
// and Go's error wording.
#pragma once

#include <string>

namespace sim::alerting {

// Regexp.ReplaceAllString with `$1`, `${name}` expansion. Like Go, an empty match right after a
// match is not replaced and the search advances by at least one UTF-8 character. Throws
// std::runtime_error (Go's MustCompile panic text) for a bad pattern.
std::string go_replace_all(const std::string& pattern, const std::string& repl, const std::string& text);

// regexp.MatchString (unanchored). Throws std::runtime_error for a bad pattern.
bool go_match(const std::string& pattern, const std::string& text);

}  // namespace sim::alerting
