// Hashes whose values are fixed by their definition, not by the standard library (std::hash may
// differ between implementations and is allowed to change): seeds and phases derived from names
// must be the same on every platform, or runs stop being reproducible.
#pragma once

#include <cstdint>
#include <string_view>

namespace sim {

inline constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
inline constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

// FNV-1a, 64 bit, one byte; what the string version does per byte.
constexpr std::uint64_t fnv1a64(unsigned char byte, std::uint64_t h) { return (h ^ byte) * kFnvPrime; }

// FNV-1a, 64 bit; `h` lets a caller hash several pieces as one stream.
constexpr std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t h = kFnvOffsetBasis) {
    for (const char c : bytes) h = fnv1a64(static_cast<unsigned char>(c), h);
    return h;
}

// One step of Vigna's SplitMix64: advances `state` and returns a well-mixed 64-bit value.
constexpr std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// SplitMix64's output for one state: a bijective 64-bit mix.
constexpr std::uint64_t splitmix64_mix(std::uint64_t x) { return splitmix64(x); }

}  // namespace sim
