#include "sim/des/rng_stream.hpp"

#include "sim/base/stable_hash.hpp"

namespace sim::des {

RngStream::RngStream(std::uint64_t run_seed, std::string_view component) {
    // Mixing the name hash through SplitMix64 before combining keeps nearby seeds and similar
    // names from giving correlated states; SplitMix64 also never yields the all-zero state here.
    std::uint64_t name_state = fnv1a64(component);
    std::uint64_t state = run_seed ^ splitmix64(name_state);
    for (auto& word : s_) word = splitmix64(state);
}

}  // namespace sim::des
