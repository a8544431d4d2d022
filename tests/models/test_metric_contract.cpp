// The metric contract read from Markdown tables (models/METRICS.md).
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "models/platform/metric_contract.hpp"
#include "models/scenario/scenario.hpp"
#include "models/twin/twin.hpp"
#include "sim/base/error.hpp"

using namespace caracal;

TEST_CASE("issue 14.2: the metric contract reads every contract table's rows, several names per row, and skips other tables") {
    const std::string md =
        "# Metrics\n\n"
        "| room | floor |\n| --- | --- |\n| `not_a_metric` | 1 |\n\n"
        "| metric | type | exported by | value and when it changes | exposed | source |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| `caracal_a_total` | counter | sts | +1 per failed compile | in memory | `opa.go:388@46a980b6c` |\n"
        "| `caracal_b`, `caracal_c` | gauge | audit | XLEN a\\|b | poll every 30 s | `server.go:612@46a980b6c` |\n";
    const auto contract = parse_metric_contract(md, "M.md");
    REQUIRE(contract.size() == 3);
    CHECK_FALSE(contract.count("not_a_metric"));
    CHECK(contract.at("caracal_a_total").type == "counter");
    CHECK(contract.at("caracal_a_total").source == "`opa.go:388@46a980b6c`");
    CHECK(contract.at("caracal_c").exporter == "audit");
    CHECK(contract.at("caracal_c").semantics == "XLEN a|b");
    CHECK(contract.at("caracal_b").exposure == "poll every 30 s");
}

TEST_CASE("issue 14.2: contract headers match by their words, and the section heading names the exporter") {
    const std::string md = "## Audit — /metrics never fails\n\n| Metric | Type | When it changes (twin) | Exposure | Source |\n"
                           "|---|---|---|---|---|\n| `caracal_audit_dlq_size` | gauge | XLEN | memory | `s.go:1` |\n";
    const auto c = parse_metric_contract(md, "M.md").at("caracal_audit_dlq_size");
    CHECK(c.exporter == "Audit");
    CHECK(c.semantics == "XLEN");
    CHECK(c.exposure == "memory");
    CHECK(c.source == "`s.go:1`");
}

TEST_CASE("issue 14.2: a contract row whose cells do not match the header is an error naming file and line") {
    const std::string md = "| metric | source |\n| --- | --- |\n| `a` | s | extra |\n";
    CHECK_THROWS_WITH(parse_metric_contract(md, "M.md"), "M.md:3:1: expected 2 cells as in the table's header, got 3");
    CHECK_THROWS_WITH(parse_metric_contract("| metric | source |\n|---|---|\n| a | s |\n", "M.md"),
                      "M.md:3:1: expected a `metric_name` in the metric column");
}

TEST_CASE("issue 14.2: the compiled-in contract (models/METRICS.md) parses") {
    CHECK_NOTHROW(metric_contract());
}

TEST_CASE("issue 14.2: every metric the model produces in any catalog drill has a row in models/METRICS.md") {
    std::set<std::string> produced;
    for (const auto& entry : std::filesystem::directory_iterator("scenarios")) {
        if (entry.path().extension() != ".yaml") continue;
        const RunResult run = caracal::run(load_scenario(entry.path().string()), RunOptions{});
        for (std::size_t i = 0; i < run.storage->size(); ++i) {
            const std::string name(run.storage->series(sim::tsdb::SeriesId{static_cast<std::uint32_t>(i)}).labels.get("__name__"));
            const bool prometheus_own = name == "up" || name.rfind("scrape_", 0) == 0 || name.rfind("ALERTS", 0) == 0;
            if (!prometheus_own) produced.insert(name);
        }
    }
    REQUIRE(produced.size() > 30);
    for (const auto& name : produced) {
        INFO(name);
        CHECK(metric_contract().count(name));
    }
}
