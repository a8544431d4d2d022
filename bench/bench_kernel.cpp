// Kernel and scrape throughput.
//  - Hold model (the classic priority-queue benchmark): N events stay pending; running one
//    schedules its successor at now + a uniform random increment. Reports events/s, next to a
//    bare std::priority_queue running the same workload as a yardstick for the machine.
//  - Periodic tasks: T tasks with periods from 1 s to 5 min and random phases, each tick doing
//    nothing but counting; the shape of real model workloads (scrapes, rule evaluations, probes),
//    with many ticks sharing an instant.
//  - Scrape workload: T targets × S series scraped every 15 s for one simulated hour into the
//    series store. Reports samples/s (exposed samples plus the three synthetic report series).
#include <ctime>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string_view>
#include <functional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "sim/des/rng_stream.hpp"
#include "sim/des/simulation.hpp"
#include "sim/scrape/scraper.hpp"
#include "sim/tsdb/storage.hpp"

namespace {

// Process CPU time, not wall time: the figures should not depend on what else the machine runs.
struct CpuTimer {
    std::clock_t start = std::clock();
    double seconds() const { return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC; }
};

// Increments are uniform on [0, 2^20) ms (about 17 minutes): wide enough that ties are rare but
// present, as with real model delays. The top bits avoid a division on the measured path.
struct HoldEvent {
    sim::des::Simulation* sim;
    sim::des::RngStream* rng;
    void operator()() const {
        sim->schedule_after(sim::Duration::millis(static_cast<std::int64_t>(rng->next_u64() >> 44)), *this);
    }
};

void bench_hold(std::size_t pending, std::uint64_t total_events) {
    sim::des::Simulation sim(42);
    auto rng = sim.stream("hold");
    for (std::size_t i = 0; i < pending; ++i)
        sim.schedule_at(sim::Time::epoch() + sim::Duration::millis(static_cast<std::int64_t>(rng.next_u64() >> 44)),
                        HoldEvent{&sim, &rng});
    // Warm the queue into its steady state before timing.
    sim.run_until(sim.now() + sim::Duration::hours(1));
    const std::uint64_t before = sim.events_run();
    const CpuTimer timer;
    while (sim.events_run() - before < total_events) sim.run_until(sim.now() + sim::Duration::minutes(1));
    const double secs = timer.seconds();
    const double events = static_cast<double>(sim.events_run() - before);
    std::printf("hold-model N=%zu: %.1f M events/s (%.0f events in %.2f s CPU)\n", pending, events / secs / 1e6,
                events, secs);
}

// The same workload on a bare std::priority_queue of (time, sequence) pairs with no callbacks:
// not a simulator, only a yardstick for how fast this machine runs a textbook heap.
void bench_reference_heap(std::size_t pending, std::uint64_t total_events) {
    using Entry = std::pair<std::int64_t, std::uint64_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    sim::des::RngStream rng(42, "hold");
    std::uint64_t seq = 0;
    for (std::size_t i = 0; i < pending; ++i) queue.push({static_cast<std::int64_t>(rng.next_u64() >> 44), seq++});
    const CpuTimer timer;
    for (std::uint64_t i = 0; i < total_events; ++i) {
        const std::int64_t now = queue.top().first;
        queue.pop();
        queue.push({now + static_cast<std::int64_t>(rng.next_u64() >> 44), seq++});
    }
    const double secs = timer.seconds();
    std::printf("reference std::priority_queue N=%zu: %.1f M events/s\n", pending,
                static_cast<double>(total_events) / secs / 1e6);
}

void bench_scrape(int targets, int series_per_target) {
    sim::des::Simulation sim(42);
    sim::tsdb::Storage storage;
    sim::scrape::Scraper scraper(sim, storage);
    for (int t = 0; t < targets; ++t) {
        std::vector<sim::scrape::ExposedSample> exposition;
        for (int s = 0; s < series_per_target; ++s)
            exposition.push_back({sim::tsdb::Labels{{"__name__", "bench_metric_" + std::to_string(s % 10)},
                                                    {"series", std::to_string(s)}},
                                  0.0});
        sim::scrape::TargetConfig config;
        config.job = "bench";
        config.instance = "target-" + std::to_string(t);
        config.interval = sim::Duration::seconds(15);
        scraper.add_target(config, [exposition](sim::Time now) mutable {
            for (auto& sample : exposition) sample.value = now.unix_secs();
            return sim::scrape::ScrapeResult::success(exposition);
        });
    }
    const CpuTimer timer;
    sim.run_until(sim::Time::epoch() + sim::Duration::hours(1));
    const double secs = timer.seconds();
    std::size_t samples = 0;
    for (std::size_t i = 0; i < storage.size(); ++i)
        samples += storage.series(sim::tsdb::SeriesId{static_cast<std::uint32_t>(i)}).samples.size();
    std::printf("scrape %d targets x %d series @15s for 1h: %.2f M samples/s (%zu samples, %zu series, %.3f s CPU)\n",
                targets, series_per_target, static_cast<double>(samples) / secs / 1e6, samples, storage.size(), secs);
}

void bench_periodic(std::size_t tasks, std::uint64_t total_events) {
    constexpr std::int64_t kPeriodsMs[] = {1'000, 5'000, 10'000, 15'000, 30'000, 60'000, 300'000};
    sim::des::Simulation sim(42);
    auto rng = sim.stream("periodic");
    std::uint64_t ticks = 0;
    for (std::size_t i = 0; i < tasks; ++i) {
        const std::int64_t period = kPeriodsMs[i % std::size(kPeriodsMs)];
        const auto phase = static_cast<std::int64_t>(rng.next_u64() % static_cast<std::uint64_t>(period));
        sim.every(sim::Duration::millis(period), sim::Time::epoch() + sim::Duration::millis(phase), [&ticks] { ++ticks; });
    }
    sim.run_until(sim.now() + sim::Duration::minutes(10));
    const std::uint64_t before = sim.events_run();
    const CpuTimer timer;
    while (sim.events_run() - before < total_events) sim.run_until(sim.now() + sim::Duration::minutes(1));
    const double secs = timer.seconds();
    const double events = static_cast<double>(sim.events_run() - before);
    std::printf("periodic tasks T=%zu: %.1f M events/s (%.0f events in %.2f s CPU)\n", tasks, events / secs / 1e6,
                events, secs);
}

}  // namespace

// Usage: bench_kernel [EVENTS [WORKLOAD...]] with WORKLOAD one of hold-1k, reference-1k,
// hold-64k, reference-64k, periodic-10k, scrape (default: all, 50 M events each). Running one
// workload with two small EVENTS counts under callgrind gives the instructions per event.
int main(int argc, char** argv) {
    const std::uint64_t events = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 50'000'000;
    auto wanted = [&](std::string_view name) {
        if (argc <= 2) return true;
        for (int i = 2; i < argc; ++i)
            if (name == argv[i]) return true;
        return false;
    };
    if (wanted("hold-1k")) bench_hold(1'000, events);
    if (wanted("reference-1k")) bench_reference_heap(1'000, events);
    if (wanted("hold-64k")) bench_hold(64'000, events);
    if (wanted("reference-64k")) bench_reference_heap(64'000, events);
    if (wanted("periodic-10k")) bench_periodic(10'000, events);
    if (wanted("scrape")) bench_scrape(100, 50);
    return 0;
}
