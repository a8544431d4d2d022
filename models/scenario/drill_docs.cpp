#include "models/scenario/drill_docs.hpp"

#include <cctype>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>

#include "sim/base/input_file.hpp"

namespace caracal {
namespace {

using sim::SourcePos;

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::size_t run_length(std::string_view s, std::size_t i, char c) {
    std::size_t n = 0;
    while (i + n < s.size() && s[i + n] == c) ++n;
    return n;
}

bool is_identifier(std::string_view s) {
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s.front()))) return false;
    for (char c : s)
        if (!is_alnum(c) && c != '_') return false;
    return true;
}

// --- Inline markdown: just enough to read prose cells (code spans, links, emphasis, escapes).

struct CodeSpan {
    std::string_view content;
    std::size_t end;  // just past the closing backticks
};

// A code span opened by the backtick run at `i` closes at the next run of the same length; an
// unclosed run is literal text.
std::optional<CodeSpan> code_span_at(std::string_view s, std::size_t i) {
    const std::size_t open = run_length(s, i, '`');
    for (std::size_t j = i + open; j < s.size();) {
        const std::size_t close = run_length(s, j, '`');
        if (close == 0) {
            ++j;
            continue;
        }
        if (close == open) {
            std::string_view content = s.substr(i + open, j - i - open);
            // One space each side lets a span start or end with a backtick (CommonMark).
            if (content.size() >= 2 && content.front() == ' ' && content.back() == ' ' && !trim(content).empty())
                content = content.substr(1, content.size() - 2);
            return CodeSpan{content, j + close};
        }
        j += close;
    }
    return std::nullopt;
}

struct Link {
    std::string_view text;
    std::size_t end;  // just past `)`
};

// A link `[text](url)` or an image `![text](url)` starting at `i`.
std::optional<Link> link_at(std::string_view s, std::size_t i) {
    if (s[i] == '!') ++i;
    if (i >= s.size() || s[i] != '[') return std::nullopt;
    int depth = 0;
    std::size_t j = i;
    for (; j < s.size(); ++j) {
        if (s[j] == '\\') ++j;
        else if (s[j] == '[') ++depth;
        else if (s[j] == ']' && --depth == 0) break;
    }
    if (j + 1 >= s.size() || s[j + 1] != '(') return std::nullopt;
    const std::size_t close = s.find(')', j + 2);
    if (close == std::string_view::npos) return std::nullopt;
    return Link{s.substr(i + 1, j - i - 1), close + 1};
}

// What a reader sees: code spans keep their content, links and images their text, emphasis
// asterisks vanish, backslash escapes give the escaped character.
std::string plain_text(std::string_view md) {
    std::string out;
    for (std::size_t i = 0; i < md.size();) {
        const char c = md[i];
        if (c == '\\' && i + 1 < md.size() && std::ispunct(static_cast<unsigned char>(md[i + 1]))) {
            out += md[i + 1];
            i += 2;
        } else if (c == '`') {
            const auto span = code_span_at(md, i);
            const std::size_t end = span ? span->end : i + run_length(md, i, '`');
            out += span ? span->content : md.substr(i, end - i);
            i = end;
        } else if (c == '*') {
            ++i;
        } else if (const auto link = link_at(md, i)) {
            out += plain_text(link->text);
            i = link->end;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

// Pieces of `md` between the words " or " that stand outside code spans, links and parentheses.
std::vector<std::string_view> split_top_level_or(std::string_view md) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    int depth = 0;
    for (std::size_t i = 0; i < md.size();) {
        const char c = md[i];
        if (c == '\\') {
            i += 2;
            continue;
        }
        if (c == '`') {
            const auto span = code_span_at(md, i);
            i = span ? span->end : i + run_length(md, i, '`');
            continue;
        }
        if (c == '(' || c == '[') {
            ++depth;
        } else if ((c == ')' || c == ']') && depth > 0) {
            --depth;
        } else if (depth == 0 && is_space(c) && md.substr(i + 1, 2) == "or" && i + 3 < md.size() &&
                   is_space(md[i + 3])) {
            parts.push_back(md.substr(start, i - start));
            start = i + 3;
        }
        ++i;
    }
    parts.push_back(md.substr(start));
    return parts;
}

std::vector<std::string> inject_alternatives(std::string_view cell) {
    std::vector<std::string> out;
    for (const auto part : split_top_level_or(cell)) {
        const std::string text = plain_text(part);
        std::string_view alternative = trim(text);
        while (!alternative.empty() && (alternative.back() == '.' || alternative.back() == ',' ||
                                        alternative.back() == ';' || is_space(alternative.back())))
            alternative.remove_suffix(1);
        if (!alternative.empty()) out.emplace_back(alternative);
    }
    return out;
}

// --- The Expected alerts cell.

struct AlertMention {
    std::string name;
    std::size_t begin, end;  // of the code span in the cell
};

std::vector<AlertMention> alert_mentions(std::string_view cell) {
    std::vector<AlertMention> out;
    for (std::size_t i = 0; i < cell.size();) {
        if (cell[i] == '\\') {
            i += 2;
        } else if (cell[i] != '`') {
            ++i;
        } else if (const auto span = code_span_at(cell, i)) {
            if (is_identifier(trim(span->content))) out.push_back({std::string(trim(span->content)), i, span->end});
            i = span->end;
        } else {
            i += run_length(cell, i, '`');
        }
    }
    return out;
}

enum class Joint { Separate, Alternative, Then };

// How the text between two alert names relates them (see drill_docs.hpp).
Joint joint_between(std::string_view between) {
    bool alternative = false;
    bool other = false;
    for (std::size_t i = 0; i < between.size();) {
        std::size_t word_end = i;
        while (word_end < between.size() && is_alnum(between[word_end])) ++word_end;
        if (word_end == i) {
            if (between[i] == '/') alternative = true;
            else if (!is_space(between[i]) && between[i] != ',') other = true;
            ++i;
            continue;
        }
        const std::string word = lower(between.substr(i, word_end - i));
        if (word == "then") return Joint::Then;
        (word == "or" ? alternative : other) = true;
        i = word_end;
    }
    return alternative && !other ? Joint::Alternative : Joint::Separate;
}

// --- Lines, headings and tables.

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

int indent_of(std::string_view line) {
    int n = 0;
    while (n < static_cast<int>(line.size()) && is_space(line[n])) ++n;
    return n;
}

struct Heading {
    int level;
    std::string text;  // plain text
    SourcePos pos;
    std::size_t line;  // index into the lines
};

// An ATX heading: up to three spaces, 1–6 `#`, a space, the text, an optional closing `#` run.
std::optional<Heading> heading_at(std::string_view line, std::size_t index) {
    const int indent = indent_of(line);
    if (indent > 3) return std::nullopt;
    const std::size_t level = run_length(line, indent, '#');
    const std::size_t after = indent + level;
    if (level == 0 || level > 6 || (after < line.size() && !is_space(line[after]))) return std::nullopt;
    std::string_view text = trim(line.substr(after));
    std::size_t closing = 0;
    while (closing < text.size() && text[text.size() - 1 - closing] == '#') ++closing;
    if (closing == text.size() || (closing > 0 && is_space(text[text.size() - closing - 1])))
        text = trim(text.substr(0, text.size() - closing));
    return Heading{static_cast<int>(level), std::string(trim(plain_text(text))),
                   {static_cast<int>(index) + 1, indent + 1}, index};
}

// A ``` or ~~~ line opening or closing a fenced code block, whose content is not markdown.
struct Fence {
    char marker;
    std::size_t length;
};

std::optional<Fence> fence_at(std::string_view line) {
    const int indent = indent_of(line);
    if (indent > 3 || indent >= static_cast<int>(line.size())) return std::nullopt;
    const char marker = line[indent];
    const std::size_t length = run_length(line, indent, marker);
    if ((marker != '`' && marker != '~') || length < 3) return std::nullopt;
    return Fence{marker, length};
}

struct Cell {
    std::string text;  // trimmed, `\|` unescaped
    SourcePos pos;     // of the text (of the next pipe when empty)
    int pipe_column;   // of the `|` opening the cell
};

struct Row {
    std::vector<Cell> cells;
    SourcePos pos;  // of the leading `|`
};

// A line starting with `|`, split at unescaped pipes; the closing pipe is optional.
std::optional<Row> table_row(std::string_view line, std::size_t index) {
    const int line_number = static_cast<int>(index) + 1;
    std::size_t i = indent_of(line);
    if (i == line.size() || line[i] != '|') return std::nullopt;
    Row row{{}, {line_number, static_cast<int>(i) + 1}};
    while (i < line.size()) {
        const std::size_t pipe = i;
        std::string text;
        std::size_t j = pipe + 1;
        for (; j < line.size() && line[j] != '|'; ++j) {
            if (line[j] == '\\' && j + 1 < line.size() && line[j + 1] == '|') ++j;
            text += line[j];
        }
        if (j == line.size() && trim(text).empty()) break;  // after the closing pipe
        const int text_column = static_cast<int>(pipe) + 2 + indent_of(line.substr(pipe + 1));
        row.cells.push_back({std::string(trim(text)), {line_number, text_column}, static_cast<int>(pipe) + 1});
        i = j;
    }
    return row;
}

bool is_delimiter_cell(std::string_view cell) {
    if (!cell.empty() && cell.front() == ':') cell.remove_prefix(1);
    if (!cell.empty() && cell.back() == ':') cell.remove_suffix(1);
    return !cell.empty() && run_length(cell, 0, '-') == cell.size();
}

class DocsParser {
public:
    DocsParser(const std::string& text, const std::string& file) : file_(file), lines_(split_lines(text)) {}

    DrillDocs parse() const {
        const auto headings = collect_headings(skip_frontmatter());
        DrillDocs docs;
        for (const auto& h : headings)
            if (h.level == 1) {
                docs.title = h.text;
                break;
            }
        std::size_t k = 0;
        while (k < headings.size() && !(headings[k].level == 2 && lower(headings[k].text) == "drill catalog")) ++k;
        if (k == headings.size()) fail({1, 1}, "expected a `## Drill Catalog` section listing the drills");
        const Heading& catalog = headings[k];
        std::map<std::string, int> seen;  // heading → its line
        for (++k; k < headings.size() && headings[k].level > 2; ++k) {
            const Heading& h = headings[k];
            if (h.level != 3) continue;
            if (h.text.empty()) fail(h.pos, "expected the drill's name after `###`");
            if (const auto [it, fresh] = seen.emplace(h.text, h.pos.line); !fresh)
                fail(h.pos, "drill \"" + h.text + "\" is already documented at line " + std::to_string(it->second));
            const std::size_t body_end = k + 1 < headings.size() ? headings[k + 1].line : lines_.size();
            docs.drills.push_back(parse_drill(h, body_end));
        }
        if (docs.drills.empty()) fail(catalog.pos, "expected `###` drill headings under `## Drill Catalog`");
        return docs;
    }

private:
    [[noreturn]] void fail(SourcePos pos, const std::string& message) const {
        throw sim::InputError(file_, pos, message);
    }

    // Where line `index` starts (one past the last line at the end of the text).
    SourcePos pos_of_line(std::size_t index) const {
        const int column = index < lines_.size() ? indent_of(lines_[index]) + 1 : 1;
        return {static_cast<int>(index) + 1, column};
    }

    // The first line after a leading `---` YAML block, whose `#` comments are not headings.
    std::size_t skip_frontmatter() const {
        if (lines_.empty() || trim(lines_[0]) != "---") return 0;
        for (std::size_t i = 1; i < lines_.size(); ++i)
            if (trim(lines_[i]) == "---" || trim(lines_[i]) == "...") return i + 1;
        fail({1, 1}, "expected the frontmatter opened by `---` to close with a `---` line");
    }

    std::vector<Heading> collect_headings(std::size_t first) const {
        std::vector<Heading> out;
        std::optional<Fence> open;
        for (std::size_t i = first; i < lines_.size(); ++i) {
            const auto fence = fence_at(lines_[i]);
            if (open) {
                if (fence && fence->marker == open->marker && fence->length >= open->length) open.reset();
            } else if (fence) {
                open = fence;
            } else if (auto h = heading_at(lines_[i], i)) {
                out.push_back(std::move(*h));
            }
        }
        return out;
    }

    void expect_two_cells(const Row& row) const {
        const std::string found = ", found " + std::to_string(row.cells.size());
        if (row.cells.size() > 2)
            fail({row.pos.line, row.cells[2].pipe_column}, "expected 2 cells (Field | Value)" + found);
        if (row.cells.size() < 2) fail(row.pos, "expected 2 cells (Field | Value)" + found);
    }

    // The `| Field | Value |` header and its separator; returns the index of the first field row.
    std::size_t read_table_head(const Heading& drill, std::size_t body_end) const {
        std::size_t i = drill.line + 1;
        while (i < body_end && trim(lines_[i]).empty()) ++i;
        const auto header = i < body_end ? table_row(lines_[i], i) : std::nullopt;
        if (!header) fail(pos_of_line(i), "expected a `| Field | Value |` table after drill \"" + drill.text + "\"");
        expect_two_cells(*header);
        for (const auto& [cell, name] : {std::pair{header->cells[0], "field"}, std::pair{header->cells[1], "value"}})
            if (lower(plain_text(cell.text)) != name) fail(cell.pos, "expected the table header `| Field | Value |`");
        const auto separator = i + 1 < body_end ? table_row(lines_[i + 1], i + 1) : std::nullopt;
        if (!separator) fail(pos_of_line(i + 1), "expected the separator row `| --- | --- |` under the table header");
        expect_two_cells(*separator);
        for (const auto& cell : separator->cells)
            if (!is_delimiter_cell(cell.text)) fail(cell.pos, "expected the separator row `| --- | --- |` under the table header");
        return i + 2;
    }

    DocumentedDrill parse_drill(const Heading& heading, std::size_t body_end) const {
        DocumentedDrill drill;
        drill.heading = heading.text;
        drill.pos = heading.pos;
        const std::size_t first_row = read_table_head(heading, body_end);
        std::set<std::string> fields;
        std::size_t i = first_row;
        for (; i < body_end; ++i) {
            const auto row = table_row(lines_[i], i);
            if (!row) break;
            expect_two_cells(*row);
            const Cell& name = row->cells[0];
            const Cell& value = row->cells[1];
            const std::string field = std::string(trim(plain_text(name.text)));
            const std::string key = lower(field);
            if (key.empty()) fail(name.pos, "expected a field name");
            if (!fields.insert(key).second) fail(name.pos, "field `" + field + "` appears twice in this table");
            if (key == "inject") {
                drill.inject = value.text;
                drill.inject_alternatives = inject_alternatives(value.text);
            } else if (key == "expected alerts") {
                read_alerts(drill, value);
            } else if (key == "expected behavior") {
                drill.behavior = value.text;
            } else if (key == "recover") {
                drill.recover = value.text;
            } else {
                drill.other_fields[field] = value.text;
            }
        }
        if (!fields.count("expected alerts"))
            fail(pos_of_line(i), "expected an `Expected alerts` row in the table of drill \"" + heading.text + "\"");
        return drill;
    }

    void read_alerts(DocumentedDrill& drill, const Cell& cell) const {
        drill.alerts_pos = cell.pos;
        const auto mentions = alert_mentions(cell.text);
        if (mentions.empty()) fail(cell.pos, "expected backticked alert names, like `CaracalAuditDLQNonEmpty`");
        // Runs of alerts between two "then"s; each run precedes the next.
        std::vector<std::vector<std::string>> stages{{}};
        for (std::size_t k = 0; k < mentions.size(); ++k) {
            const auto& m = mentions[k];
            const Joint joint =
                k == 0 ? Joint::Separate
                       : joint_between(std::string_view(cell.text).substr(mentions[k - 1].end, m.begin - mentions[k - 1].end));
            if (joint == Joint::Then) stages.emplace_back();
            if (joint == Joint::Alternative) drill.alert_groups.back().push_back(m.name);
            else drill.alert_groups.push_back({m.name});
            stages.back().push_back(m.name);
            drill.alerts.push_back(m.name);
        }
        for (std::size_t s = 1; s < stages.size(); ++s)
            for (const auto& earlier : stages[s - 1])
                for (const auto& later : stages[s]) drill.order.emplace_back(earlier, later);
    }

    std::string file_;
    std::vector<std::string_view> lines_;
};

}  // namespace

DrillDocs parse_drill_docs(const std::string& text, const std::string& file_name) {
    return DocsParser(text, file_name).parse();
}

DrillDocs load_drill_docs(const std::string& path) {
    return parse_drill_docs(sim::read_input_file(path, "cannot read the drill docs page"), path);
}

}  // namespace caracal
