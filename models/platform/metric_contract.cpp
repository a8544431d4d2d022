#include "models/platform/metric_contract.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

#include "sim/base/error.hpp"

namespace caracal {

extern const char* const kMetricContractText;

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// `| a | b |` → {"a", "b"}; a `\|` inside a cell stays a literal bar.
std::vector<std::string> cells(const std::string& line) {
    std::vector<std::string> out;
    std::string cell;
    for (std::size_t i = 1; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
            cell += '|';
            ++i;
        } else if (line[i] == '|') {
            out.push_back(trim(cell));
            cell.clear();
        } else {
            cell += line[i];
        }
    }
    return out;
}

std::vector<std::string> backticked(const std::string& cell) {
    std::vector<std::string> out;
    for (std::size_t open = cell.find('`'); open != std::string::npos; open = cell.find('`', open)) {
        const auto close = cell.find('`', open + 1);
        if (close == std::string::npos) break;
        out.push_back(cell.substr(open + 1, close - open - 1));
        open = close + 1;
    }
    return out;
}

// Column positions of one table, from its header row; -1 when absent.
struct Columns {
    int metric = -1, type = -1, exporter = -1, semantics = -1, exposure = -1, source = -1;
    std::size_t count = 0;

    // Header cells are matched case-insensitively by their words: `metric`, `type`, `exported
    // by`, a cell mentioning `changes` (the value and when it changes), one mentioning `expos`
    // (how /metrics produces it), `source`.
    static Columns of(const std::vector<std::string>& header) {
        Columns c;
        c.count = header.size();
        for (std::size_t i = 0; i < header.size(); ++i) {
            std::string h = header[i];
            std::transform(h.begin(), h.end(), h.begin(), [](unsigned char ch) { return std::tolower(ch); });
            const int at = static_cast<int>(i);
            if (h == "metric") c.metric = at;
            else if (h == "type") c.type = at;
            else if (h == "exported by") c.exporter = at;
            else if (h.find("changes") != std::string::npos) c.semantics = at;
            else if (h.find("expos") != std::string::npos) c.exposure = at;
            else if (h == "source") c.source = at;
        }
        return c;
    }
    bool contract() const { return metric >= 0 && source >= 0; }
};

std::string at(const std::vector<std::string>& row, int column) { return column < 0 ? std::string() : row[column]; }

// `Gateway — /metrics never fails` → "Gateway": a heading's words before any dash or parenthesis.
std::string section_exporter(const std::string& heading) {
    const auto end = heading.find_first_of("—-(:");
    return trim(heading.substr(0, end));
}

bool separator(const std::vector<std::string>& row) {
    for (const auto& c : row)
        if (c.find_first_not_of("-: ") != std::string::npos) return false;
    return true;
}

}  // namespace

MetricContracts parse_metric_contract(const std::string& markdown, const std::string& file) {
    MetricContracts out;
    std::istringstream in(markdown);
    std::string line;
    int number = 0;
    Columns table;          // of the table being read
    bool in_table = false;  // inside any table
    std::string section;    // the latest `## ` heading: the exporter when no column names it
    while (std::getline(in, line)) {
        ++number;
        if (line.rfind("## ", 0) == 0) section = section_exporter(line.substr(3));
        if (line.empty() || line[0] != '|') {
            in_table = false;
            continue;
        }
        const auto row = cells(line);
        if (!in_table) {  // a header row
            in_table = true;
            table = Columns::of(row);
            continue;
        }
        if (!table.contract() || separator(row)) continue;
        if (row.size() != table.count)
            throw sim::InputError(file, {number, 1},
                                  "expected " + std::to_string(table.count) + " cells as in the table's header, got " +
                                      std::to_string(row.size()));
        auto names = backticked(row[table.metric]);
        for (auto& n : names) n = n.substr(0, n.find('{'));  // `name{label="..."}` names the metric
        if (names.empty()) throw sim::InputError(file, {number, 1}, "expected a `metric_name` in the metric column");
        for (const auto& name : names)
            out[name] = {name,
                         at(row, table.type),
                         table.exporter < 0 ? section : row[table.exporter],
                         at(row, table.semantics),
                         at(row, table.exposure),
                         at(row, table.source)};
    }
    return out;
}

const MetricContracts& metric_contract() {
    static const MetricContracts contract = parse_metric_contract(kMetricContractText, "models/METRICS.md");
    return contract;
}

sim::scrape::MetricFamilyInfo metric_family(const std::string& name) {
    const auto& contract = metric_contract();
    auto it = contract.find(name);
    if (it == contract.end()) return {sim::scrape::MetricType::Untyped, "Not in the twin's metric contract."};
    const std::string& type = it->second.type;
    sim::scrape::MetricFamilyInfo info;
    info.type = type.rfind("counter", 0) == 0 ? sim::scrape::MetricType::Counter
                : type.rfind("gauge", 0) == 0 ? sim::scrape::MetricType::Gauge
                                              : sim::scrape::MetricType::Untyped;
    info.help = it->second.semantics;
    return info;
}

}  // namespace caracal
