#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

#include "models/scenario/drill_docs.hpp"

using caracal::DocumentedDrill;
using caracal::DrillDocs;
using caracal::load_drill_docs;
using caracal::parse_drill_docs;
using Strings = std::vector<std::string>;
using Order = std::vector<std::pair<std::string, std::string>>;

namespace {

const std::string kDocs = std::string(SOURCE_DIR) + "/tests/fixtures/docs/";

const DocumentedDrill& drill_named(const DrillDocs& docs, const std::string& heading) {
    const auto it = std::find_if(docs.drills.begin(), docs.drills.end(),
                                 [&](const DocumentedDrill& d) { return d.heading == heading; });
    REQUIRE(it != docs.drills.end());
    return *it;
}

// The error as `line:col: message` (the file name is checked to be `file`).
std::string error_of(const std::function<void()>& parse, const std::string& file) {
    try {
        parse();
    } catch (const sim::InputError& e) {
        CHECK(e.file() == file);
        return std::to_string(e.pos().line) + ":" + std::to_string(e.pos().column) + ": " + e.message();
    }
    return "no error";
}

std::string error_of_text(const std::string& text) {
    return error_of([&] { parse_drill_docs(text, "d.md"); }, "d.md");
}

std::string error_of_fixture(const std::string& name) {
    return error_of([&] { load_drill_docs(kDocs + name); }, kDocs + name);
}

// A one-drill catalog whose table has the given rows.
std::string catalog_with_rows(const std::string& rows) {
    return "# Drills\n\n## Drill Catalog\n\n### Drill\n\n| Field | Value |\n| --- | --- |\n" + rows;
}

}  // namespace

TEST_CASE("the failure-drills page yields its title and nine catalog drills in order, with heading positions") {
    const auto docs = load_drill_docs(kDocs + "failure-drills.md");
    CHECK(docs.title == "Run Failure Drills");
    Strings headings;
    for (const auto& d : docs.drills) headings.push_back(d.heading);
    CHECK(headings == Strings{"Redis outage", "Postgres outage", "STS unreachable from Gateway",
                              "Stale policy bundle", "Bad policy activation", "Provider credential refresh failure",
                              "Revocation propagation lag", "Audit evidence pipeline backpressure",
                              "Audit tamper detection"});
    CHECK(docs.drills[0].pos.line == 37);
    CHECK(docs.drills[0].pos.column == 1);
    CHECK(docs.drills[8].pos.line == 109);
}

TEST_CASE("the Redis outage row yields five alerts, the two replay-backlog alerts sharing one group, no order") {
    const auto docs = load_drill_docs(kDocs + "failure-drills.md");
    const auto& redis = drill_named(docs, "Redis outage");
    CHECK(redis.alerts == Strings{"CaracalAuditConsumerLagHigh", "CaracalGatewayRevocationSnapshotStale",
                                  "CaracalGatewayRevocationReloadErrors", "CaracalGatewayAuditReplayBacklogOld",
                                  "CaracalSTSAuditReplayBacklogOld"});
    CHECK(redis.alert_groups == std::vector<Strings>{{"CaracalAuditConsumerLagHigh"},
                                                     {"CaracalGatewayRevocationSnapshotStale"},
                                                     {"CaracalGatewayRevocationReloadErrors"},
                                                     {"CaracalGatewayAuditReplayBacklogOld", "CaracalSTSAuditReplayBacklogOld"}});
    CHECK(redis.order.empty());
    CHECK(redis.alerts_pos.line == 42);
    CHECK(redis.alerts_pos.column == 21);
}

TEST_CASE("\"then\" between two alerts on the page becomes an order constraint") {
    const auto docs = load_drill_docs(kDocs + "failure-drills.md");
    const auto& sts = drill_named(docs, "STS unreachable from Gateway");
    CHECK(sts.alerts == Strings{"CaracalGatewaySTSExchangeErrors", "CaracalGatewaySTSCircuitOpen"});
    CHECK(sts.order == Order{{"CaracalGatewaySTSExchangeErrors", "CaracalGatewaySTSCircuitOpen"}});
    CHECK(drill_named(docs, "Provider credential refresh failure").order ==
          Order{{"CaracalSTSProviderRefreshErrors", "CaracalSTSProviderCircuitOpen"}});
    CHECK(drill_named(docs, "Postgres outage").order.empty());
}

TEST_CASE("comma- and and-separated alerts on the page are independent expectations") {
    const auto docs = load_drill_docs(kDocs + "failure-drills.md");
    const auto& postgres = drill_named(docs, "Postgres outage");
    CHECK(postgres.alert_groups ==
          std::vector<Strings>{{"CaracalPostgresPoolSaturation"}, {"CaracalAPIOutboxPendingOldest"}, {"CaracalReadinessFlapping"}});
    const auto& audit = drill_named(docs, "Audit evidence pipeline backpressure");
    CHECK(audit.alerts == Strings{"CaracalAuditDLQNonEmpty", "CaracalAuditDLQGrowth", "CaracalAPIOutboxDeadMessages"});
    CHECK(audit.alert_groups.size() == 3);
    CHECK(drill_named(docs, "Audit tamper detection").alerts == Strings{"CaracalAuditTamperDetected"});
}

TEST_CASE("the Inject cell splits into its \"or\" alternatives without trailing punctuation") {
    const auto docs = load_drill_docs(kDocs + "failure-drills.md");
    CHECK(drill_named(docs, "Redis outage").inject_alternatives ==
          Strings{"Scale managed Redis to unavailable", "block the Redis egress port"});
    CHECK(drill_named(docs, "Postgres outage").inject_alternatives ==
          Strings{"Fail over", "block the managed Postgres endpoint"});
    CHECK(drill_named(docs, "STS unreachable from Gateway").inject_alternatives ==
          Strings{"Scale STS to zero", "block Gateway-to-STS traffic"});
    CHECK(drill_named(docs, "Audit evidence pipeline backpressure").inject_alternatives ==
          Strings{"Pause the audit consumer", "fault the audit datastore"});
    CHECK(drill_named(docs, "Bad policy activation").inject_alternatives ==
          Strings{"Activate a Rego policy set with a compile error in a test zone"});
}

TEST_CASE("the cells are kept as written, markdown included, without surrounding spaces") {
    const auto docs = load_drill_docs(kDocs + "failure-drills.md");
    const auto& tamper = drill_named(docs, "Audit tamper detection");
    CHECK(tamper.inject == "In a disposable environment only, modify a stored audit record out of band.");
    CHECK(tamper.behavior ==
          "The integrity check flags the break; treat as a [security incident](/operations/incident-response/).");
    CHECK(tamper.recover == "Restore from a trusted backup, identify the blast radius, and follow incident response.");
    CHECK(tamper.other_fields.empty());
}

TEST_CASE("\"then\" orders every alert since the previous \"then\" before every alert up to the next") {
    const auto docs = parse_drill_docs(
        catalog_with_rows("| Expected alerts | `A` and `B` then `C`, then `D` / `E`. |\n"), "d.md");
    const auto& d = docs.drills.at(0);
    CHECK(d.alerts == Strings{"A", "B", "C", "D", "E"});
    CHECK(d.alert_groups == std::vector<Strings>{{"A"}, {"B"}, {"C"}, {"D", "E"}});
    CHECK(d.order == Order{{"A", "C"}, {"B", "C"}, {"C", "D"}, {"C", "E"}});
}

TEST_CASE("\"or\" between alerts groups them like \"/\"; backticked non-identifiers are not alerts") {
    const auto docs = parse_drill_docs(
        catalog_with_rows("| Expected alerts | `A` or `B`, see `rate(x[5m])` and ``C``. |\n"), "d.md");
    const auto& d = docs.drills.at(0);
    CHECK(d.alerts == Strings{"A", "B", "C"});
    CHECK(d.alert_groups == std::vector<Strings>{{"A", "B"}, {"C"}});
}

TEST_CASE("field names compare case-insensitively and unknown fields are kept by name") {
    const auto docs = parse_drill_docs(catalog_with_rows("| **INJECT** | Block Redis. |\n"
                                                         "| expected ALERTS | `A` |\n"
                                                         "| Owner | SRE |\n"
                                                         "| Recover | Restore Redis. |\n"),
                                       "d.md");
    const auto& d = docs.drills.at(0);
    CHECK(d.inject == "Block Redis.");
    CHECK(d.alerts == Strings{"A"});
    CHECK(d.recover == "Restore Redis.");
    CHECK(d.behavior.empty());
    CHECK(d.other_fields == std::map<std::string, std::string>{{"Owner", "SRE"}});
}

TEST_CASE("escaped pipes stay inside a cell and links, bold and code read as plain text in alternatives") {
    const auto docs = parse_drill_docs(
        catalog_with_rows("| Inject | Run **`redis-cli \\| grep x`** or [block the port](/net/) (egress or ingress). |\n"
                          "| Expected alerts | `A` |\n"),
        "d.md");
    const auto& d = docs.drills.at(0);
    CHECK(d.inject == "Run **`redis-cli | grep x`** or [block the port](/net/) (egress or ingress).");
    CHECK(d.inject_alternatives == Strings{"Run redis-cli | grep x", "block the port (egress or ingress)"});
}

TEST_CASE("headings read as plain text; frontmatter comments and fenced blocks hold no headings") {
    const auto docs = parse_drill_docs("---\n# not a title\n## Drill Catalog\n---\n"
                                       "# The **Drill** Page #\n\n## Drill Catalog\n\n"
                                       "```\n### Not a drill\n```\n\n"
                                       "### [Redis](/redis/) outage ###\n\n| Field | Value |\n|:---|---:|\n"
                                       "| Expected alerts | `A` |\n\n## After\n\n### Not a drill either\n",
                                       "d.md");
    CHECK(docs.title == "The Drill Page");
    REQUIRE(docs.drills.size() == 1);
    CHECK(docs.drills[0].heading == "Redis outage");
    CHECK(docs.drills[0].pos.line == 13);
}

TEST_CASE("a drill heading without a table is an error at the line where the table was expected") {
    CHECK(error_of_fixture("missing-table.md") ==
          "14:3: expected a `| Field | Value |` table after drill \"Postgres outage\"");
}

TEST_CASE("a row with more than two cells is an error at the pipe opening the extra cell") {
    CHECK(error_of_fixture("wrong-column-count.md") == "10:55: expected 2 cells (Field | Value), found 3");
}

TEST_CASE("a table without an Expected alerts row is an error just after the table") {
    CHECK(error_of_fixture("missing-expected-alerts.md") ==
          "16:1: expected an `Expected alerts` row in the table of drill \"Stale policy bundle\"");
}

TEST_CASE("an unreadable docs file is an input error naming the file") {
    CHECK(error_of_fixture("no-such-page.md") == "0:0: cannot read the drill docs page");
}

namespace {

struct MalformedPage {
    const char* problem;
    std::string text;
    std::string error;  // line:col: message
};

const std::string kDrillStart = "# D\n\n## Drill Catalog\n\n### Drill\n\n";
const std::string kDrill = "### Drill\n\n| Field | Value |\n| --- | --- |\n| Expected alerts | `A` |\n\n";

}  // namespace

TEST_CASE("a malformed page is an error at the line and column of the problem, saying what was expected") {
    const auto page = GENERATE(values<MalformedPage>({
        {"the last drill has no table", "# D\n\n## Drill Catalog\n\n### Last\n",
         "6:1: expected a `| Field | Value |` table after drill \"Last\""},
        {"a row has one cell: at the row's first pipe", catalog_with_rows("| Expected alerts | `A` |\n  | Recover |\n"),
         "10:3: expected 2 cells (Field | Value), found 1"},
        {"a field row where the separator belongs", kDrillStart + "| Field | Value |\n| Expected alerts | `A` |\n",
         "8:3: expected the separator row `| --- | --- |` under the table header"},
        {"prose where the separator belongs", kDrillStart + "| Field | Value |\nText\n",
         "8:1: expected the separator row `| --- | --- |` under the table header"},
        {"another header", kDrillStart + "| Name | Value |\n| --- | --- |\n",
         "7:3: expected the table header `| Field | Value |`"},
        {"alert names without backticks", catalog_with_rows("| Expected alerts | CaracalAuditDLQNonEmpty |\n"),
         "9:21: expected backticked alert names, like `CaracalAuditDLQNonEmpty`"},
        {"a repeated field", catalog_with_rows("| Expected alerts | `A` |\n| Expected Alerts | `B` |\n"),
         "10:3: field `Expected Alerts` appears twice in this table"},
        {"a repeated drill", "## Drill Catalog\n\n" + kDrill + kDrill,
         "9:1: drill \"Drill\" is already documented at line 3"},
        {"no drill catalog", "# Drills\n\nNothing here.\n",
         "1:1: expected a `## Drill Catalog` section listing the drills"},
        {"an empty drill catalog", "# Drills\n\n## Drill Catalog\n\nSoon.\n\n## Next\n\n### Later\n",
         "3:1: expected `###` drill headings under `## Drill Catalog`"},
        {"unterminated frontmatter", "---\ntitle: x\n# Drills\n",
         "1:1: expected the frontmatter opened by `---` to close with a `---` line"},
    }));
    INFO(page.problem);
    CHECK(error_of_text(page.text) == page.error);
}
