// The drill documentation page (docs.caracal.run "Run Failure Drills") read as expectations, so
// `check --docs` catches a docs change the scenarios no longer match.
//
// Page shape: optional YAML frontmatter (skipped), a `# Title`, then a `## Drill Catalog` section
// whose `###` headings are the drills (up to the next `#`/`##` heading). Each drill heading is
// followed by a two-column table:
//
//   | Field | Value |
//   | --- | --- |
//   | Inject | Scale STS to zero or block Gateway-to-STS traffic. |
//   | Expected alerts | `CaracalGatewaySTSExchangeErrors` then `CaracalGatewaySTSCircuitOpen`. |
//   | Expected behavior | ... |
//   | Recover | ... |
//
// Field names compare case-insensitively; `Expected alerts` is required, the other known fields
// may be absent (empty), unknown fields are kept. `\|` is a literal pipe inside a cell.
//
// Reading the Expected alerts cell: every backticked identifier is an alert name. The text
// between two consecutive names links them:
//   - "then"                  A before B; everything since the previous "then" precedes
//                             everything up to the next one ("A and B then C" → A<C, B<C);
//   - only "/" or "or"        one documented expectation naming several alerts — in the Redis
//                             row, one replay-backlog alert per producer; they share a group;
//   - anything else (",", "and", prose)  independent expectations, separate groups.
// Every name in `alerts` is expected to fire (the docs' behavior cell says both producers spill
// to replay); `alert_groups` keeps the docs' grouping so a scenario that exercises only one
// producer of a group may be checked against "any member fires".
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/base/error.hpp"

namespace caracal {

struct DocumentedDrill {
    std::string heading;  // the `###` heading as plain text: "Redis outage"
    sim::SourcePos pos;   // of the heading's first `#`
    // The cells as written (markdown kept, surrounding spaces trimmed, `\|` unescaped).
    std::string inject, behavior, recover;
    // The Inject cell as plain text split on top-level " or ", trailing punctuation trimmed:
    // "Scale STS to zero" / "block Gateway-to-STS traffic". The split is lexical, so
    // "Revoke or expire the credential" yields "Revoke" / "expire the credential".
    std::vector<std::string> inject_alternatives;
    std::vector<std::vector<std::string>> alert_groups;    // see the header comment
    std::vector<std::string> alerts;                       // every alert name, in order of appearance
    std::vector<std::pair<std::string, std::string>> order;  // (earlier, later)
    sim::SourcePos alerts_pos;                             // of the Expected alerts cell's text
    std::map<std::string, std::string> other_fields;       // unknown field name → cell as written
};

struct DrillDocs {
    std::string title;  // the first `#` heading as plain text
    std::vector<DocumentedDrill> drills;
};

// Throws sim::InputError naming line, column and what was expected.
DrillDocs parse_drill_docs(const std::string& text, const std::string& file_name);
DrillDocs load_drill_docs(const std::string& path);

}  // namespace caracal
