// `caracal-twin test-rules FILE...`: promtool-format rule unit tests with promtool 2.42's verdicts
// and output, plus --run, --junit, --timeline and --json.
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include <re2/re2.h>

#include "sim/alerting/unittest_file.hpp"
#include "sim/alerting/unittest_runner.hpp"
#include "sim/base/error.hpp"
#include "tools/catalog.hpp"
#include "tools/command.hpp"
#include "report/output_json.hpp"
#include "report/output_junit.hpp"
#include "report/output_timeline.hpp"
#include "report/test_rules_report.hpp"

namespace caracal::tools {

namespace {

struct TestRulesOptions {
    std::vector<std::string> files;
    std::vector<std::string> run;
    std::string junit;
    bool timeline = false;
    bool json = false;
    bool prometheus3_ranges = false;
    bool promtool_exit_codes = false;  // malformed input exits 1, as promtool's, instead of 2
    bool extensions = false;
    std::optional<std::uint64_t> max_evaluations;
};

report::TestFileReport test_file(const std::string& path, const sim::alerting::UnitTestOptions& options,
                                 bool extensions) {
    report::TestFileReport report{path, std::nullopt, {}, {}};
    try {
        const auto file = sim::alerting::load_unittest_file(path, extensions);
        for (const auto& p : file.unmatched_patterns) report.warnings.push_back("no file match pattern " + p);
        report.result = sim::alerting::run_unittest(file, options);
    } catch (const sim::InputError& e) {
        report.error = e.what();
    } catch (const std::exception& e) {
        // Anything else is still a problem with this input, never a crash.
        report.error = sim::format_location(path, {}) + ": " + e.what();
    }
    return report;
}

// promtool's layout: the verdict on stdout, failure details on stderr, each followed by a blank
// line on stdout. A malformed file gets exactly one `file:line:col: message` line instead.
void print_text(const report::TestFileReport& r, bool timeline) {
    std::cout << "Unit Testing:  " << r.path << "\n" << std::flush;
    for (const auto& w : r.warnings) std::cerr << "  WARNING: " << w << "\n";
    if (r.error) {
        std::cerr << *r.error << "\n";
    } else if (r.passed()) {
        std::cout << "  SUCCESS\n";
    } else {
        std::cerr << "  FAILED:\n";
        for (const auto& g : r.result.groups)
            for (const auto& f : g.failures) {
                std::cerr << f << "\n" << std::flush;
                std::cout << "\n" << std::flush;
            }
    }
    std::cerr << std::flush;
    std::cout << "\n";
    if (!timeline) return;
    for (const auto& g : r.result.groups) {
        std::cout << "Timeline: " << report::display_name(g) << "\n";
        report::print_timeline_table(std::cout, sim::alerting::alert_episodes(g.transitions), g.start);
        std::cout << "\n";
    }
}

int run_test_rules(const TestRulesOptions& opts) {
    sim::alerting::UnitTestOptions options;
    options.record_transitions = opts.timeline || opts.json;
    if (opts.prometheus3_ranges) options.ranges = sim::tsdb::RangeBoundary::LeftOpen;
    options.max_evaluations = opts.max_evaluations;
    std::shared_ptr<re2::RE2> filter;
    if (!opts.run.empty()) {
        std::string pattern;
        for (const auto& r : opts.run) pattern += (pattern.empty() ? "(?:" : "|(?:") + r + ")";
        filter = std::make_shared<re2::RE2>(pattern, re2::RE2::Quiet);
        if (!filter->ok()) {
            std::cerr << "--run: invalid regular expression: " << filter->error() << "\n";
            return kExitBadInput;
        }
        options.selected = [filter](const std::string& name) { return re2::RE2::PartialMatch(name, *filter); };
    }

    std::vector<report::TestFileReport> reports;
    for (const auto& path : opts.files) {
        reports.push_back(test_file(path, options, opts.extensions));
        if (opts.json) {
            if (reports.back().error) std::cerr << *reports.back().error << "\n";
        } else {
            print_text(reports.back(), opts.timeline);
        }
    }
    if (opts.json) std::cout << report::test_rules_json(reports).dump(2) << "\n";
    if (!opts.junit.empty()) {
        std::ofstream out(opts.junit);
        report::write_junit(out, reports);
        if (!out) {
            std::cerr << opts.junit << ": cannot write the JUnit report\n";
            return kExitBadInput;
        }
    }

    bool bad_input = false, failed = false;
    for (const auto& r : reports) {
        bad_input = bad_input || r.error.has_value();
        failed = failed || !r.passed();
    }
    if (bad_input && !opts.promtool_exit_codes) return kExitBadInput;
    return failed ? kExitFail : kExitPass;
}

Command setup_test_rules(CLI::App& app) {
    auto opts = std::make_shared<TestRulesOptions>();
    CLI::App* sub = app.add_subcommand("test-rules", "Run promtool-format rule unit tests (promtool test rules)");
    sub->add_option("files", opts->files, "Unit test files")->required();
    sub->add_option("--run", opts->run,
                    "Only run test groups whose name matches this regular expression (repeatable)")
        ->allow_extra_args(false);
    sub->add_option("--junit", opts->junit, "Also write the results as JUnit XML to this file");
    sub->add_flag("--timeline", opts->timeline, "Print each test group's alert timeline");
    sub->add_flag("--json", opts->json, "Print verdicts and timelines as JSON instead of text");
    sub->add_flag("--prometheus3-ranges", opts->prometheus3_ranges,
                  "Left-open range windows and lookback, as Prometheus 3 (default: promtool 2.42's closed ones)");
    sub->add_flag("--promtool-exit-codes", opts->promtool_exit_codes,
                  "Exit 1 on malformed input as promtool does (default: 2, telling it apart from a failed test)");
    sub->add_option("--max-evaluations", opts->max_evaluations,
                    "Refuse a test group needing more rule evaluations than this (last eval_time / "
                    "evaluation_interval + 1); default: no limit, as promtool")
        ->check(unsigned_integer());
    sub->add_flag("--extensions", opts->extensions,
                  "Allow caracal-twin's extensions (start_timestamp, fuzzy_compare, query_offset, PrometheusRule "
                  "rule files), which promtool 2.42 rejects; a test file can also enable them itself with "
                  "x-caracal-twin: {extensions: true}");
    return {sub, [opts] { return run_test_rules(*opts); }};
}

const bool registered = register_command(setup_test_rules);

}  // namespace

}  // namespace caracal::tools
