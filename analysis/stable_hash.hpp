// FNV-1a over bytes: stable across platforms, runs and library versions (unlike std::hash), so
// seeds and fingerprints derived from it are too.
#pragma once

#include <cstdint>
#include <string_view>

namespace caracal::analysis {

inline constexpr std::uint64_t kFnvOffset = 0xCBF29CE484222325ULL;

constexpr std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = kFnvOffset) {
    for (const char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
    return hash;
}

}  // namespace caracal::analysis
