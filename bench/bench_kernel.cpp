// Kernel and scrape throughput. Each figure is the best of --repeat=R runs (default 1), both in
// process CPU time and in wall time: on a shared machine the best run is the one least disturbed.
//  - Hold model (the classic priority-queue benchmark): N events stay pending; running one
//    schedules its successor at now + a uniform random increment. Reports events/s, next to a
//    bare std::priority_queue running the same workload as a yardstick for the machine.
//  - Periodic tasks: T tasks with periods from 1 s to 5 min and random phases, each tick doing
//    nothing but counting; the shape of real model workloads (scrapes, rule evaluations, probes),
//    with many ticks sharing an instant.
//  - Scrape workload: T targets × S series scraped every 15 s for one simulated hour into the
//    series store. Reports samples/s (exposed samples plus the three synthetic report series).
#include <algorithm>
#include <chrono>
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

// Process CPU time and wall time of one measured stretch.
struct Timer {
    std::clock_t cpu_start = std::clock();
    std::chrono::steady_clock::time_point wall_start = std::chrono::steady_clock::now();
    double cpu_seconds() const { return static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC; }
    double wall_seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    }
};

// The best (shortest) CPU and wall time over the repetitions of one workload.
struct Best {
    double cpu = 1e300;
    double wall = 1e300;
    void add(const Timer& timer) {
        cpu = std::min(cpu, timer.cpu_seconds());
        wall = std::min(wall, timer.wall_seconds());
    }
    void print_rate(const char* workload, double events, int repeats) const {
        std::printf("%s: %.1f M events/s CPU, %.1f M events/s wall "
                    "(%.0f events; best of %d: %.2f s CPU, %.2f s wall)\n",
                    workload, events / cpu / 1e6, events / wall / 1e6, events, repeats, cpu, wall);
    }
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

// One timed stretch of the hold model: returns the events run.
double run_hold(std::size_t pending, std::uint64_t total_events, Best& best) {
    sim::des::Simulation sim(42);
    auto rng = sim.stream("hold");
    for (std::size_t i = 0; i < pending; ++i)
        sim.schedule_at(sim::Time::epoch() + sim::Duration::millis(static_cast<std::int64_t>(rng.next_u64() >> 44)),
                        HoldEvent{&sim, &rng});
    // Warm the queue into its steady state before timing.
    sim.run_until(sim.now() + sim::Duration::hours(1));
    const std::uint64_t before = sim.events_run();
    const Timer timer;
    while (sim.events_run() - before < total_events) sim.run_until(sim.now() + sim::Duration::minutes(1));
    best.add(timer);
    return static_cast<double>(sim.events_run() - before);
}

// Runs a workload `repeats` times (each run returns its event count) and prints the best rates.
template <typename Run>
void bench_repeated(const std::string& name, int repeats, Run run) {
    Best best;
    double events = 0;
    for (int r = 0; r < repeats; ++r) events = run(best);
    best.print_rate(name.c_str(), events, repeats);
}

// The same workload on a bare std::priority_queue of (time, sequence) pairs with no callbacks:
// not a simulator, only a yardstick for how fast this machine runs a textbook heap.
double run_reference_heap(std::size_t pending, std::uint64_t total_events, Best& best) {
    using Entry = std::pair<std::int64_t, std::uint64_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    sim::des::RngStream rng(42, "hold");
    std::uint64_t seq = 0;
    for (std::size_t i = 0; i < pending; ++i) queue.push({static_cast<std::int64_t>(rng.next_u64() >> 44), seq++});
    const Timer timer;
    for (std::uint64_t i = 0; i < total_events; ++i) {
        const std::int64_t now = queue.top().first;
        queue.pop();
        queue.push({now + static_cast<std::int64_t>(rng.next_u64() >> 44), seq++});
    }
    best.add(timer);
    return static_cast<double>(total_events);
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
    const Timer timer;
    sim.run_until(sim::Time::epoch() + sim::Duration::hours(1));
    const double secs = timer.cpu_seconds();
    const double wall = timer.wall_seconds();
    std::size_t samples = 0;
    for (std::size_t i = 0; i < storage.size(); ++i)
        samples += storage.series(sim::tsdb::SeriesId{static_cast<std::uint32_t>(i)}).samples.size();
    std::printf("scrape %d targets x %d series @15s for 1h: %.2f M samples/s CPU (%zu samples, %zu series, %.3f s CPU, "
                "%.3f s wall)\n",
                targets, series_per_target, static_cast<double>(samples) / secs / 1e6, samples, storage.size(), secs,
                wall);
}

// One timed stretch of periodic tasks: returns the events run.
double run_periodic(std::size_t tasks, std::uint64_t total_events, Best& best) {
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
    const Timer timer;
    while (sim.events_run() - before < total_events) sim.run_until(sim.now() + sim::Duration::minutes(1));
    best.add(timer);
    return static_cast<double>(sim.events_run() - before);
}

}  // namespace

// Usage: bench_kernel [EVENTS] [--repeat=R] [WORKLOAD...] with WORKLOAD one of hold-1k,
// reference-1k, hold-64k, reference-64k, periodic-10k, scrape (default: all, 50 M events each,
// R = 1). Running one workload with two small EVENTS counts under callgrind gives the
// instructions per event.
int main(int argc, char** argv) {
    std::uint64_t events = 50'000'000;
    int repeats = 1;
    std::vector<std::string_view> workloads;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg.starts_with("--repeat="))
            repeats = std::max(1, std::atoi(argv[i] + 9));
        else if (i == 1 && !arg.empty() && arg.find_first_not_of("0123456789") == std::string_view::npos)
            events = std::strtoull(argv[i], nullptr, 10);
        else
            workloads.push_back(arg);
    }
    auto wanted = [&](std::string_view name) {
        return workloads.empty() || std::find(workloads.begin(), workloads.end(), name) != workloads.end();
    };
    auto hold = [&](std::size_t pending) {
        bench_repeated("hold-model N=" + std::to_string(pending), repeats,
                       [&](Best& best) { return run_hold(pending, events, best); });
    };
    auto reference = [&](std::size_t pending) {
        bench_repeated("reference std::priority_queue N=" + std::to_string(pending), repeats,
                       [&](Best& best) { return run_reference_heap(pending, events, best); });
    };
    if (wanted("hold-1k")) hold(1'000);
    if (wanted("reference-1k")) reference(1'000);
    if (wanted("hold-64k")) hold(64'000);
    if (wanted("reference-64k")) reference(64'000);
    if (wanted("periodic-10k"))
        bench_repeated("periodic tasks T=10000", repeats,
                       [&](Best& best) { return run_periodic(10'000, events, best); });
    if (wanted("scrape")) bench_scrape(100, 50);
    return 0;
}
