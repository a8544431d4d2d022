#include "report/sweep_report.hpp"

#include <sstream>

#include "report/whatif_table.hpp"

namespace caracal::report {

namespace {

constexpr const char* kFormats[] = {"table", "csv", "json"};

bool monte_carlo(const analysis::Sweep& sweep) { return several_runs(sweep.plan); }

// A spread's four quantiles in seconds, or four empty cells.
std::vector<std::string> spread_cells(const std::optional<analysis::DurationSpread>& s) {
    if (!s) return {"", "", "", ""};
    std::vector<std::string> cells;
    for (const sim::Duration d : {s->min, s->p50, s->p95, s->max}) {
        std::ostringstream v;
        v << d.secs();
        cells.push_back(v.str());
    }
    return cells;
}

// CSV quoting: only cells with a comma, quote or newline need it.
std::string csv_cell(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string out = "\"";
    for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

nlohmann::ordered_json sweep_format_json(SweepFormat format) { return kFormats[static_cast<int>(format)]; }

analysis::Summary sweep_summary(const analysis::Results& results) {
    const analysis::Sweep sweep = analysis::sweep_of(results);
    const std::string format = results.header.at("output");
    std::ostringstream text;
    if (format == "json") text << sweep_json(sweep).dump(2) << "\n";
    else if (format == "csv") print_sweep_csv(text, sweep);
    else print_sweep_table(text, sweep);
    return {text.str(), true};
}

void print_sweep_table(std::ostream& out, const analysis::Sweep& sweep) {
    const bool mc = monte_carlo(sweep);
    out << "Sweep of " << sweep.title << " — " << sweep.file << ", rules " << sweep.rules << ": "
        << sweep.points.size() << " combination(s)\n"
        << replication_note(sweep.plan, "combination") << "\n"
        << "TTD from injection, TTR from the end of the fault; (not expected): the scenario does not expect it.\n\n";
    TableRow heading = sweep.keys;
    for (const char* column : {"alert", mc ? "P(fired)" : "fired", mc ? "TTD min / p50 / p95 / max" : "TTD",
                               mc ? "TTR min / p50 / p95 / max" : "TTR"})
        heading.push_back(column);
    std::vector<TableRow> rows{heading};
    for (const auto& point : sweep.points)
        for (const auto& a : point.stats.alerts) {
            TableRow row = point.values;
            row.push_back(a.alert + (a.expected ? "" : " (not expected)"));
            row.push_back(fired_text(a, mc));
            row.push_back(spread_text(a.ttd, mc));
            row.push_back(spread_text(a.ttr, mc));
            rows.push_back(std::move(row));
        }
    print_table(out, rows);
}

void print_sweep_csv(std::ostream& out, const analysis::Sweep& sweep) {
    TableRow heading = sweep.keys;
    for (const char* column : {"alert", "expected", "replications", "fired", "p_fired", "ttd_min_s", "ttd_p50_s",
                               "ttd_p95_s", "ttd_max_s", "ttr_min_s", "ttr_p50_s", "ttr_p95_s", "ttr_max_s"})
        heading.push_back(column);
    std::vector<TableRow> rows{heading};
    for (const auto& point : sweep.points)
        for (const auto& a : point.stats.alerts) {
            TableRow row = point.values;
            std::ostringstream p;
            p << a.p_fired();
            for (const auto& cell : {a.alert, std::string(a.expected ? "true" : "false"), std::to_string(a.replications),
                                     std::to_string(a.fired), p.str()})
                row.push_back(cell);
            for (const auto& spread : {a.ttd, a.ttr})
                for (auto& cell : spread_cells(spread)) row.push_back(std::move(cell));
            rows.push_back(std::move(row));
        }
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << csv_cell(row[c]);
        out << "\n";
    }
}

nlohmann::ordered_json sweep_json(const analysis::Sweep& sweep) {
    nlohmann::ordered_json points = nlohmann::ordered_json::array();
    for (const auto& point : sweep.points) {
        nlohmann::ordered_json settings = nlohmann::ordered_json::object();
        for (std::size_t k = 0; k < sweep.keys.size(); ++k) settings[sweep.keys[k]] = point.values[k];
        nlohmann::ordered_json alerts = nlohmann::ordered_json::array();
        for (const auto& a : point.stats.alerts) alerts.push_back(analysis::to_json(a));
        points.push_back({{"settings", settings}, {"alerts", alerts}});
    }
    return {{"scenario", sweep.title}, {"file", sweep.file},         {"rules", sweep.rules},
            {"keys", sweep.keys},      {"replications", sweep.plan.replications},
            {"master_seed", sweep.plan.master_seed}, {"points", points}};
}

}  // namespace caracal::report
