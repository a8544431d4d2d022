// `--shard K/N`: a replicated or swept run split into N independent parts. Units (one simulation
// each) are dealt round-robin, unit u to shard u mod N + 1, so every shard gets a share of every
// case (cases differ in cost) and the split depends only on the unit count.
#pragma once

#include <cstddef>
#include <string>

namespace caracal::analysis {

struct Shard {
    std::size_t index = 1;  // K: 1-based
    std::size_t count = 1;  // N

    bool whole() const { return count == 1; }
    bool owns(std::size_t unit) const { return unit % count == index - 1; }
    // "K/N".
    std::string text() const;
};

// "K/N" with 1 <= K <= N. Throws sim::InputError naming `--shard` otherwise.
Shard parse_shard(const std::string& text);

}  // namespace caracal::analysis
