// `caracal-twin report --format html`: the page parses as XML (polyglot markup), every drill has
// its six sections, every predicted time sits next to a blank observed cell and equals the run's
// own timeline, and the SVG timeline has one row per alert instance.
#include <catch2/catch.hpp>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "tests/tools/cli_process.hpp"

using cli_test::run_twin;
using cli_test::ScratchDir;
using Tree = boost::property_tree::ptree;

namespace {

const std::string kRedis = "scenarios/redis-outage-unavailable.yaml";

std::string attr(const Tree& node, const std::string& name) {
    return node.get<std::string>("<xmlattr>." + name, "");
}

bool has_class(const Tree& node, const std::string& cls) {
    std::istringstream words(attr(node, "class"));
    for (std::string w; words >> w;)
        if (w == cls) return true;
    return false;
}

// Every element below `node` (depth first), with its tag.
void walk(const Tree& node, const std::function<void(const std::string&, const Tree&)>& fn) {
    for (const auto& [tag, child] : node) {
        if (tag == "<xmlattr>" || tag == "<xmlcomment>") continue;
        fn(tag, child);
        walk(child, fn);
    }
}

std::vector<const Tree*> by_class(const Tree& root, const std::string& cls) {
    std::vector<const Tree*> out;
    walk(root, [&](const std::string&, const Tree& n) {
        if (has_class(n, cls)) out.push_back(&n);
    });
    return out;
}

// The text of an element and its descendants.
std::string text(const Tree& node) {
    std::string out = node.data();
    for (const auto& [tag, child] : node)
        if (tag != "<xmlattr>") out += text(child);
    return out;
}

struct HtmlReport {
    std::string html;
    Tree doc;
};

HtmlReport html_report(const std::string& args) {
    ScratchDir dir;
    const auto file = (dir.path() / "report.html").string();
    const auto r = run_twin("report --format html -o '" + file + "' " + args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    HtmlReport out{cli_test::read_file(file), {}};
    std::istringstream in(out.html);
    boost::property_tree::read_xml(in, out.doc);
    return out;
}

// `Name{job="audit", pod="audit-0"}` from an alert of `run --json`.
std::string instance_text(const nlohmann::json& alert) {
    std::string labels;
    for (const auto& [name, value] : alert["labels"].items())
        if (name != "alertname") labels += (labels.empty() ? "" : ", ") + name + "=\"" + value.get<std::string>() + "\"";
    return alert["alertname"].get<std::string>() + "{" + labels + "}";
}

// "+MM:SS" / "-MM:SS" as seconds.
double seconds(const std::string& offset) {
    std::smatch m;
    REQUIRE(std::regex_match(offset, m, std::regex(R"(([+-])(\d+):(\d\d))")));
    const double s = std::stoi(m[2]) * 60 + std::stoi(m[3]);
    return m[1] == "-" ? -s : s;
}

}  // namespace

TEST_CASE("report html is self-contained with six sections per drill and an observed cell after each predicted time") {
    const HtmlReport r = html_report(kRedis);
    CHECK(r.html.find("<script") == std::string::npos);
    CHECK(!std::regex_search(r.html, std::regex(R"((src|href)="(https?:)?//)")));
    CHECK(r.html.find("@page { size: A4") != std::string::npos);
    const auto summary = by_class(r.doc, "summary-table");
    REQUIRE(summary.size() == 1);
    CHECK(text(*summary[0]).find("Redis outage [unavailable]") != std::string::npos);
    const auto drills = by_class(r.doc, "drill");
    REQUIRE(drills.size() == 1);
    CHECK(attr(*drills[0], "id") == "redis-outage-unavailable");
    for (const char* section : {"injection", "alerts", "timeline", "traffic", "recovery", "findings"}) {
        INFO(section);
        CHECK(by_class(*drills[0], section).size() == 1);
    }
    // In every table row, each predicted cell is followed directly by an empty observed one.
    std::size_t predicted = 0;
    walk(r.doc, [&](const std::string& tag, const Tree& row) {
        if (tag != "tr") return;
        std::vector<std::pair<std::string, const Tree*>> cells;
        for (const auto& [t, c] : row)
            if (t == "td") cells.emplace_back(attr(c, "class"), &c);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (cells[i].first != "predicted") continue;
            ++predicted;
            REQUIRE(i + 1 < cells.size());
            CHECK(cells[i + 1].first == "observed");
            CHECK(text(*cells[i + 1].second).empty());
            const std::string value = text(*cells[i].second);
            CHECK((value == "—" || std::regex_match(value, std::regex(R"([+-]\d\d+:\d\d)"))));
        }
    });
    CHECK(predicted > 10);
    const auto text_of_findings = text(*by_class(*drills[0], "findings")[0]);
    CHECK(!text_of_findings.empty());
}

TEST_CASE("report html predicts the alert times of the run and draws one timeline row per alert instance") {
    const HtmlReport r = html_report(kRedis);
    const auto run = run_twin("run --json " + kRedis);
    REQUIRE(run.exit_code == 0);
    const auto doc = nlohmann::json::parse(run.out);

    // Every alert row's pending / firing / resolved times are an episode of that alert in the run.
    std::size_t rows_with_times = 0;
    walk(r.doc, [&](const std::string& tag, const Tree& row) {
        if (tag != "tr" || !has_class(row, "alert")) return;
        std::vector<std::string> times;
        for (const auto& [t, c] : row)
            if (t == "td" && attr(c, "class") == "predicted") times.push_back(text(c));
        REQUIRE(times.size() == 4);  // pending, firing, resolved, TTR
        if (times[1] == "—") return;
        ++rows_with_times;
        const std::string instance = attr(row, "data-instance");
        bool matched = false;
        for (const auto& a : doc["alerts"]) {
            if (instance != instance_text(a)) continue;
            for (const auto& e : a["episodes"]) {
                if (e["firing_at"].is_null() || std::fabs(e["firing_at"].get<double>() - seconds(times[1])) >= 1) continue;
                CHECK(std::fabs(e["pending_at"].get<double>() - seconds(times[0])) < 1);
                if (e["resolved_at"].is_null()) CHECK(times[2] == "—");
                else CHECK(std::fabs(e["resolved_at"].get<double>() - seconds(times[2])) < 1);
                matched = true;
            }
        }
        INFO(instance << " firing " << times[1]);
        CHECK(matched);
    });
    CHECK(rows_with_times >= 3);  // the Redis outage fires the API outbox age and the Gateway exchange errors and circuit

    const auto timelines = by_class(r.doc, "timeline");
    std::vector<const Tree*> svgs;
    walk(*timelines[0], [&](const std::string& tag, const Tree& n) {
        if (tag == "svg" && has_class(n, "gantt")) svgs.push_back(&n);
    });
    REQUIRE(svgs.size() == 1);
    std::set<std::string> svg_rows;
    for (const auto* g : by_class(*svgs[0], "alert-row")) svg_rows.insert(attr(*g, "data-label"));
    CHECK(by_class(*svgs[0], "alert-row").size() == doc["alerts"].size());
    CHECK(svg_rows.size() == doc["alerts"].size());
    for (const auto& a : doc["alerts"]) {
        std::string label = a["alertname"].get<std::string>();
        INFO(label);
        CHECK(std::any_of(svg_rows.begin(), svg_rows.end(), [&](const std::string& s) { return s.rfind(label, 0) == 0; }));
    }
    CHECK(by_class(*svgs[0], "readiness-row").size() == 5);
    CHECK(!by_class(*svgs[0], "span-firing").empty());
    CHECK(!by_class(*svgs[0], "span-pending").empty());
    // Each signal plot draws its rule threshold.
    const auto plots = by_class(r.doc, "signal");
    CHECK(plots.size() >= 5);
    for (const auto* p : plots) CHECK(by_class(*p, "threshold").size() == 1);
}
