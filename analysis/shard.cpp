#include "analysis/shard.hpp"

#include <charconv>

#include "sim/base/error.hpp"

namespace caracal::analysis {

namespace {

bool parse_count(std::string_view text, std::size_t& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

std::string Shard::text() const { return std::to_string(index) + "/" + std::to_string(count); }

Shard parse_shard(const std::string& text) {
    const auto slash = text.find('/');
    Shard shard;
    const bool parsed = slash != std::string::npos &&
                        parse_count(std::string_view(text).substr(0, slash), shard.index) &&
                        parse_count(std::string_view(text).substr(slash + 1), shard.count);
    if (!parsed || shard.count == 0 || shard.index == 0 || shard.index > shard.count)
        throw sim::InputError("--shard", {}, "expected K/N with 1 <= K <= N (K counts from 1), got '" + text + "'");
    return shard;
}

}  // namespace caracal::analysis
