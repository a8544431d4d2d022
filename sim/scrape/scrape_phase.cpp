#include "sim/scrape/scrape_phase.hpp"

#include "sim/base/stable_hash.hpp"

namespace sim::scrape {

Duration default_phase(const tsdb::Labels& target_labels, Duration interval, std::uint64_t jitter_seed) {
    tsdb::LabelHasher hasher(kFnvOffsetBasis);
    for (const auto& label : target_labels.items()) hasher.add(label);
    const std::uint64_t h = hasher.value();
    return Duration::millis(static_cast<std::int64_t>((h ^ jitter_seed) % static_cast<std::uint64_t>(interval.ms())));
}

Time first_scrape_after(Time now, Duration interval, Duration phase) {
    const std::int64_t i = interval.ms();
    const std::int64_t since_slot = ((now.unix_ms() - phase.ms()) % i + i) % i;  // also for times before the epoch
    return now + (interval - Duration::millis(since_slot));
}

}  // namespace sim::scrape
