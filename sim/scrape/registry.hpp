// What a simulated process exposes on /metrics, like a Prometheus client library's registry:
// counters and gauges the model updates as things happen, and gauges computed at scrape time
// (ages, queue lengths) so they are exact at the instant Prometheus looks. A gate models the work a
// /metrics handler does before rendering (an auth check, a database query): when it fails, the
// scrape fails (Prometheus writes up 0 and stales the target's series).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/base/time.hpp"
#include "sim/scrape/target.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::scrape {

class Registry {
public:
    // A counter only goes up; a value kept by reference so hot paths increment without lookups.
    class Counter {
    public:
        void inc(double by = 1) { value_ += by; }
        double value() const { return value_; }

    private:
        friend class Registry;  // reset_values
        double value_ = 0;
    };

    class Gauge {
    public:
        void set(double v) { value_ = v; }
        void add(double by) { value_ += by; }
        double value() const { return value_; }

    private:
        double value_ = 0;
    };

    using GaugeFn = std::function<double(Time)>;
    // Decides at scrape time whether the page renders: nullopt renders it; a result (a failure and
    // how long the handler took to give it) is the answer instead.
    using Gate = std::function<std::optional<ScrapeResult>(Time)>;

    // The same name and labels give the same instrument. References stay valid for the registry's
    // lifetime. `labels` must not contain __name__.
    Counter& counter(const std::string& name, const tsdb::Labels& labels = {});
    Gauge& gauge(const std::string& name, const tsdb::Labels& labels = {});
    void gauge_fn(const std::string& name, const tsdb::Labels& labels, GaugeFn fn);

    // Every instrument as scraped at `now`, in a stable (sorted) order.
    std::vector<ExposedSample> expose(Time now) const;

    // Replaces the gate (an empty one always renders).
    void set_gate(Gate gate) { gate_ = std::move(gate); }
    // The answer to one scrape at `now`: the gate's failure, or the rendered page.
    ScrapeResult answer(Time now) const;
    // A process restart: every counter and gauge kept in memory starts again from 0 (computed
    // gauges and the gate stay: they are code, not state).
    void reset_values();

private:
    static tsdb::Labels series_labels(const std::string& name, const tsdb::Labels& labels);

    std::map<tsdb::Labels, Counter> counters_;
    std::map<tsdb::Labels, Gauge> gauges_;
    std::map<tsdb::Labels, GaugeFn> gauge_fns_;
    Gate gate_;
};

}  // namespace sim::scrape
