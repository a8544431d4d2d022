#include "sim/alertmanager/address_syntax.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>

namespace sim::alertmanager {

namespace {

// The scheme of `scheme:rest` as Go's url.Parse finds it (lowercased); empty when there is none.
std::string scheme_of(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(text[0]))) return "";
    const auto scheme = text.substr(0, colon);
    const bool valid = std::all_of(scheme.begin(), scheme.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    });
    if (!valid) return "";
    std::string out(scheme);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

}  // namespace

void check_url(std::string_view text, bool secret_allowed) {
    if (secret_allowed && text == "<secret>") return;
    const std::string scheme = scheme_of(text);
    if (scheme != "http" && scheme != "https")
        throw std::invalid_argument("unsupported scheme \"" + scheme + "\" for URL");
    std::string_view rest = text.substr(scheme.size() + 1);
    std::string_view host;
    if (rest.starts_with("//")) {
        rest.remove_prefix(2);
        host = rest.substr(0, rest.find_first_of("/?#"));
        if (const auto at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
    }
    if (host.empty()) throw std::invalid_argument("missing host for URL");
}

void check_host_port(std::string_view text) {
    if (text.empty()) return;
    const std::string quoted(text);
    const auto fail = [&](const std::string& why) { throw std::invalid_argument("address " + quoted + ": " + why); };
    std::string_view port;
    if (text.starts_with('[')) {
        const auto close = text.find(']');
        if (close == std::string_view::npos) fail("missing ']' in address");
        if (close + 1 == text.size()) fail("missing port in address");
        if (text[close + 1] != ':') fail("missing port in address");
        port = text.substr(close + 2);
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string_view::npos) fail("missing port in address");
        if (text.find(':') != colon) fail("too many colons in address");
        port = text.substr(colon + 1);
    }
    if (port.empty()) throw std::invalid_argument("address \"" + quoted + "\": port cannot be empty");
}

}  // namespace sim::alertmanager
