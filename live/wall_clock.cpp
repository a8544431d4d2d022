#include "live/wall_clock.hpp"

#include <chrono>

namespace caracal::live {

std::int64_t WallClock::now_unix_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t WallClock::aligned_origin(sim::Duration align) {
    const std::int64_t now = now_unix_ms();
    return align.ms() > 0 ? now - now % align.ms() : now;
}

}  // namespace caracal::live
