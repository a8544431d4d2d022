// `caracal-twin run --series SELECTOR`: scraped (and rule-written) series as CSV.
#include <cstdio>

#include "sim/promql/ast.hpp"
#include "sim/promql/parser.hpp"
#include "sim/tsdb/sample.hpp"
#include "report/run_report.hpp"

namespace caracal::report {

namespace {

// RFC 4180: quoted, inner quotes doubled (label sets contain commas and quotes).
std::string csv_field(const std::string& s) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string number(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

}  // namespace

void write_series_csv(std::ostream& out, const sim::tsdb::Storage& storage, const std::string& selector) {
    const sim::promql::ExprPtr expr = sim::promql::parse(selector);
    if (expr->kind != sim::promql::ExprKind::VectorSelector)
        throw sim::promql::ParseError({0, static_cast<int>(selector.size())}, "expected a series selector such as up{job=\"sts\"}");
    const auto& vs = static_cast<const sim::promql::VectorSelector&>(*expr);
    out << "series,t,value\n";
    for (sim::tsdb::SeriesId id : storage.select(vs.matchers)) {
        const auto& s = storage.series(id);
        const std::string labels = csv_field(s.labels.to_string());
        for (const auto& sample : s.samples)
            if (!sim::tsdb::is_stale_nan(sample.v))
                out << labels << "," << number(sample.t.unix_secs()) << "," << number(sample.v) << "\n";
    }
}

}  // namespace caracal::report
