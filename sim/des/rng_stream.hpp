// A named random stream: xoshiro256** seeded from (run seed, component name) only, so a
// component's draws do not depend on which other components exist or in what order they draw.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace sim::des {

class RngStream {
public:
    RngStream(std::uint64_t run_seed, std::string_view component);

    // Inline: models draw on their hot paths.
    std::uint64_t next_u64() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    // Uniform on [0, 1) with 53 random bits (every representable step of 2^-53 equally likely).
    double next_unit() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::array<std::uint64_t, 4> s_;
};

}  // namespace sim::des
