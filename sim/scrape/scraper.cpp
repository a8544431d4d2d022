#include "sim/scrape/scraper.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string>

#include "sim/base/error.hpp"
#include "sim/scrape/scrape_phase.hpp"
#include "sim/scrape/target_labels.hpp"
#include "sim/tsdb/sample.hpp"

namespace sim::scrape {

namespace {

constexpr std::array<std::string_view, 3> kReportNames{"up", "scrape_duration_seconds", "scrape_samples_scraped"};

void validate(const TargetConfig& c) {
    const std::string who = "scrape target " + c.job + "/" + c.instance + ": ";
    auto fail = [&](const std::string& what) { throw InputError("", {}, who + what); };
    if (c.job.empty() || c.instance.empty()) fail("job and instance must not be empty");
    for (const std::string_view reserved : {std::string_view("job"), std::string_view("instance"), tsdb::kMetricName})
        if (c.labels.has(reserved)) fail("extra target labels must not set " + std::string(reserved));
    if (c.interval <= Duration()) fail("scrape interval must be positive");
    if (c.timeout <= Duration()) fail("scrape timeout must be positive");
    if (c.timeout > c.interval)
        fail("scrape timeout " + format_duration(c.timeout) + " exceeds the interval " + format_duration(c.interval));
    if (c.phase && (*c.phase < Duration() || *c.phase >= c.interval))
        fail("phase " + format_duration(*c.phase) + " is outside [0, " + format_duration(c.interval) + ")");
}

}  // namespace

Scraper::Scraper(des::Simulation& sim, tsdb::Storage& storage, ScraperOptions options)
    : sim_(sim), storage_(storage), options_(options) {}

Scraper::~Scraper() {
    for (auto& target : targets_) {
        target->task.cancel();
        target->replay_event.cancel();
    }
}

TargetId Scraper::add_target(TargetConfig config, Exporter exporter) {
    validate(config);
    if (!exporter) throw std::invalid_argument("scrape target " + config.job + "/" + config.instance + " has no exporter");
    auto target = std::make_unique<Target>();
    target->labels = config.labels;
    target->labels.set("job", config.job);
    target->labels.set("instance", config.instance);
    target->phase = config.phase ? *config.phase : default_phase(target->labels, config.interval, options_.jitter_seed);
    target->exporter = std::move(exporter);
    target->config = std::move(config);

    Target* raw = target.get();
    if (raw->config.instants) {
        std::sort(raw->config.instants->begin(), raw->config.instants->end());
        schedule_replay(*raw);
    } else {
        const Time first = first_scrape_after(sim_.now(), raw->config.interval, raw->phase);
        raw->task = sim_.every(raw->config.interval, first, options_.priority, [this, raw] { scrape(*raw, sim_.now()); });
    }
    targets_.push_back(std::move(target));
    return TargetId{static_cast<std::uint32_t>(targets_.size() - 1)};
}

void Scraper::remove_target(TargetId id) {
    Target& target = get(id);
    if (target.removed) return;
    target.removed = true;
    target.task.cancel();
    target.replay_event.cancel();
    target.exporter = nullptr;  // releases whatever the model captured
    if (target.scrapes == 0) return;  // never scraped: nothing to stale
    // A marker at the same instant as the last scrape would overwrite its samples; step past it.
    Time t = sim_.now();
    if (t <= target.last_scrape) t = target.last_scrape + Duration::millis(1);
    mark_stale(target.previous, t);
    for (const auto& id_of_report : target.report)
        if (id_of_report) storage_.append(*id_of_report, t, tsdb::stale_nan());
    target.previous.clear();
    target.cache.clear();
}

Duration Scraper::phase(TargetId id) const { return get(id).phase; }

TargetHealth Scraper::health(TargetId id) const { return get(id).health; }

Scraper::Target& Scraper::get(TargetId id) const {
    if (id.index >= targets_.size()) throw std::out_of_range("unknown scrape target id");
    return *targets_[id.index];
}

void Scraper::schedule_replay(Target& target) {
    const std::vector<ReplayedScrape>& instants = *target.config.instants;
    while (target.next_instant < instants.size() && instants[target.next_instant].answered < sim_.now())
        ++target.next_instant;
    if (target.next_instant == instants.size()) return;
    Target* raw = &target;
    const ReplayedScrape next = instants[target.next_instant++];
    // The world is asked when the request reached it; the samples carry Prometheus' stamp.
    target.replay_event = sim_.schedule_at(next.answered, options_.priority, [this, raw, next] {
        scrape(*raw, next.stamped);
        schedule_replay(*raw);
    });
}

void Scraper::scrape(Target& target, Time t) {
    ++target.scrapes;
    target.last_scrape = t;
    const ScrapeResult result = target.exporter(sim_.now());
    const bool timed_out = result.response_time > target.config.timeout;
    const bool ok = result.status == ScrapeResult::Status::Answered && !timed_out;

    std::vector<tsdb::SeriesId> current;
    if (ok) current = ingest(target, t, result.samples);
    std::vector<tsdb::SeriesId> gone;
    std::set_difference(target.previous.begin(), target.previous.end(), current.begin(), current.end(),
                        std::back_inserter(gone));
    mark_stale(gone, t);
    target.previous = std::move(current);

    target.health = ok ? TargetHealth::Up : TargetHealth::Down;
    write_report(target, t, ok ? 1 : 0, timed_out ? target.config.timeout : result.response_time,
                 ok ? static_cast<double>(result.samples.size()) : 0);
}

std::vector<tsdb::SeriesId> Scraper::ingest(Target& target, Time t, const std::vector<ExposedSample>& samples) {
    std::vector<tsdb::SeriesId> written;
    written.reserve(samples.size());
    for (const auto& sample : samples) {
        auto [it, is_new] = target.cache.try_emplace(sample.labels);
        CachedSeries& cached = it->second;
        if (is_new) {
            cached.id = storage_.append(attach_target_labels(sample.labels, target.labels), t, sample.value);
        } else if (cached.last_seen == target.scrapes) {
            continue;  // the same series twice in one page: Prometheus keeps the first
        } else {
            storage_.append(cached.id, t, sample.value);
        }
        cached.last_seen = target.scrapes;
        written.push_back(cached.id);
    }
    // Forget series this page no longer has, so a churning target does not grow the cache forever.
    if (target.cache.size() > written.size())
        std::erase_if(target.cache, [&](const auto& entry) { return entry.second.last_seen != target.scrapes; });
    std::sort(written.begin(), written.end());
    // Two exposed label sets can collide once target labels are attached (x{job="a"} and
    // x{exported_job="a"}); the store already merged them, so keep the series once.
    written.erase(std::unique(written.begin(), written.end()), written.end());
    return written;
}

void Scraper::write_report(Target& target, Time t, double up, Duration duration, double samples_scraped) {
    const std::array<double, 3> values{up, duration.secs(), samples_scraped};
    for (std::size_t i = 0; i < kReportNames.size(); ++i) {
        auto& id = target.report[i];
        if (id) {
            storage_.append(*id, t, values[i]);
        } else {
            tsdb::Labels labels = target.labels;
            labels.set(tsdb::kMetricName, kReportNames[i]);
            id = storage_.append(labels, t, values[i]);
        }
    }
}

void Scraper::mark_stale(const std::vector<tsdb::SeriesId>& series, Time t) {
    for (const auto id : series) storage_.append(id, t, tsdb::stale_nan());
}

}  // namespace sim::scrape
