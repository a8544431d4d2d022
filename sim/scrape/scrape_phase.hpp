// Where in its interval a target is scraped. Prometheus hashes the target (labels and URL) with
// FNV-1a, XORs a per-server jitter seed, and takes the result modulo the interval, so targets with
// the same interval are spread out and each keeps a stable offset. We do the same over the target
// labels alone; the offsets are not bit-identical to Prometheus' (it feeds FNV an xxhash of the
// labels plus the URL, which a simulated target does not have), only the behaviour is.
#pragma once

#include <cstdint>

#include "sim/base/time.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::scrape {

Duration default_phase(const tsdb::Labels& target_labels, Duration interval, std::uint64_t jitter_seed);

// The first tick k·interval + phase strictly after `now` (Prometheus waits for the next slot).
Time first_scrape_after(Time now, Duration interval, Duration phase);

}  // namespace sim::scrape
