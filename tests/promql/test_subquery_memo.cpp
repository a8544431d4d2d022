// The subquery memo (issue 16.8): evaluations that reuse the inner steps kept from earlier
// evaluations must give what a fresh evaluation gives, to the last bit, while the storage grows
// as a rule evaluation run makes it grow.
#include <catch2/catch.hpp>

#include <bit>
#include <random>

#include "eval_fixture.hpp"
#include "sim/promql/subquery_memo.hpp"

using namespace eval_test;

namespace {

std::uint64_t bits(double v) { return std::bit_cast<std::uint64_t>(v); }

void require_identical(const Matrix& a, const Matrix& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].metric == b[i].metric);
        REQUIRE(a[i].points.size() == b[i].points.size());
        for (std::size_t j = 0; j < a[i].points.size(); ++j) {
            CHECK(a[i].points[j].t == b[i].points[j].t);
            CHECK(bits(a[i].points[j].v) == bits(b[i].points[j].v));
        }
    }
}

// Same elements in the same order, labels, times and value bits equal.
void require_identical(const Value& fresh, const Value& memoised) {
    REQUIRE(fresh.index() == memoised.index());
    if (const auto* s = std::get_if<Scalar>(&fresh)) {
        CHECK(bits(s->v) == bits(std::get<Scalar>(memoised).v));
        return;
    }
    if (const auto* m = std::get_if<Matrix>(&fresh)) return require_identical(*m, std::get<Matrix>(memoised));
    const auto& a = std::get<Vector>(fresh);
    const auto& b = std::get<Vector>(memoised);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].metric == b[i].metric);
        CHECK(a[i].t == b[i].t);
        CHECK(bits(a[i].v) == bits(b[i].v));
    }
}

// Random inputs, fixed by the seed: counters with resets, gauges with NaN, stale markers and
// gaps, at 15 s with jitter-free times so that windows often start exactly on a sample.
struct RandomInputs {
    std::mt19937_64 rng{20261203};
    std::vector<std::pair<tsdb::Labels, double>> series;  // labels, current value

    RandomInputs() {
        for (const char* m : {R"(c{i="a"})", R"(c{i="b"})", R"(g{i="a"})", R"(g{i="b"})", R"(h{i="a"})"})
            series.emplace_back(parse_metric(m), 0.0);
    }

    // Appends the samples at t (some series skip it).
    void append(tsdb::Storage& storage, Time t) {
        std::uniform_int_distribution<int> pick(0, 99);
        std::uniform_real_distribution<double> unit(0, 1);
        for (auto& [labels, value] : series) {
            const int p = pick(rng);
            if (p < 8) continue;                                   // a gap
            if (p < 10) { storage.append(labels, t, tsdb::stale_nan()); continue; }
            const bool counter = labels.get("__name__") == "c";
            if (counter) value = p < 13 ? unit(rng) : value + unit(rng) * 10;  // sometimes a reset
            else value = p < 12 ? kNaN : unit(rng) * 1e3 - 500;
            storage.append(labels, t, value);
        }
    }
};

const char* const kExpressions[] = {
    "max_over_time(rate(c[5m])[30m:])",
    "avg_over_time((g / h)[1h:1m])",
    "sum_over_time(g[20m:30s] offset 5m)",
    "quantile_over_time(0.9, (g * 2)[40m:45s])",
    "max_over_time(avg_over_time(g[10m:])[30m:2m])",
    "avg_over_time((g offset -3m)[20m:])",
    "stddev_over_time(rec[25m:])",
    "count_over_time((c > 3)[15m:15s])",
    "min_over_time(sum by (i) (rate(c[2m]))[1h:])",
    "(g > 0)[10m:1m]",  // a range vector result: the series order matters too
    "absent_over_time(nothing[10m:])",
    "max_over_time((g @ 1800)[10m:1m])",         // a read pinned by `@` inside: no step is kept
    "sum_over_time((g offset 1m)[8m:1m] @ 900)",  // the whole window pinned
};

}  // namespace

TEST_CASE("issue 16.8: a memoised subquery equals a fresh evaluation bit for bit on randomized growing inputs") {
    for (const char* text : kExpressions) {
        INFO(text);
        const auto expr = parse(text);
        tsdb::Storage storage;
        EngineOptions options;
        SubqueryMemo memo;
        RandomInputs inputs;
        const auto rec = parse_metric(R"(rec{i="a"})");
        for (int step = 0; step <= 240; ++step) {
            const Time t = Time::epoch() + Duration::seconds(15) * step;
            inputs.append(storage, t);
            // A recorded series, written after the evaluation at t and once replaced at t: the
            // next evaluation must see both changes in the kept steps at t.
            storage.append(rec, t, static_cast<double>(step % 7));
            const Value fresh = evaluate(*expr, storage, t, options);
            require_identical(fresh, evaluate(*expr, storage, t, options, &memo));
            storage.append(rec, t, static_cast<double>(step % 5) + 0.5);
        }
    }
}

TEST_CASE("issue 16.8: a memo used out of time order or on another storage gives fresh results") {
    const auto expr = parse("max_over_time(rate(c[5m])[30m:])");
    EngineOptions options;
    SubqueryMemo memo;
    tsdb::Storage first, second;
    RandomInputs a, b;
    for (int step = 0; step <= 200; ++step) {
        a.append(first, Time::epoch() + Duration::seconds(15) * step);
        b.append(second, Time::epoch() + Duration::seconds(15) * step);
    }
    for (int minute : {40, 45, 20, 48, 48, 30}) {
        const Time t = Time::epoch() + Duration::minutes(minute);
        require_identical(evaluate(*expr, first, t, options), evaluate(*expr, first, t, options, &memo));
        require_identical(evaluate(*expr, second, t, options), evaluate(*expr, second, t, options, &memo));
    }
    options.ranges = tsdb::RangeBoundary::LeftOpen;
    const Time t = Time::epoch() + Duration::minutes(48);
    require_identical(evaluate(*expr, first, t, options), evaluate(*expr, first, t, options, &memo));
}
