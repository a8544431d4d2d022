// Go text/template as Prometheus 2.42 runs it for alert labels and annotations: actions,
// pipelines, if/else if/else, with, range (with break/continue), variables, `{{-`/`-}}` trimming,
// comments, named templates (define, template, block: visible within one template text), Go's
// builtin functions (`slice` and `call` included: with no function values, `call` always fails as
// Go's does) and Prometheus' template functions, `query` included (run by the caller's
// TemplateQuery). Templates are parsed when the rule file is loaded and executed per alert.
// Not reproduced: defining the template's own name (`__alert_<name>`) or calling it.
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/alerting/template_value.hpp"
#include "sim/tsdb/labels.hpp"

namespace sim::alerting {

// What `query "expr"` runs: Prometheus' rule query function at the alert's evaluation instant.
// Throws std::runtime_error worded as Prometheus' error (a parse error, "rule result is not a
// vector or scalar", an evaluation error).
using TemplateQuery = std::function<std::vector<QuerySample>(const std::string& expr)>;

// A template that does not parse or uses an unsupported construct; `offset` is the byte offset
// in the template text.
class TemplateError : public std::runtime_error {
public:
    TemplateError(int offset, const std::string& message) : std::runtime_error(message), offset_(offset) {}
    int offset() const { return offset_; }

private:
    int offset_;
};

// What an alert template sees.
struct TemplateData {
    const tsdb::Labels& labels;  // the result series' labels
    double value;
    const tsdb::Labels& external_labels;
    const std::string& external_url;
    // The alerting rule's name: Go's template name, `__alert_<name>`, appears in error messages.
    std::string_view alert_name = {};
    // Null where nothing can be queried: `query` then fails when called.
    const TemplateQuery* query = nullptr;
};

class Template {
public:
    // Throws TemplateError.
    explicit Template(std::string_view text);
    ~Template();
    // Copies share the parsed tree, which expansion never changes.
    Template(const Template&);
    Template& operator=(const Template&);
    Template(Template&&) noexcept;
    Template& operator=(Template&&) noexcept;

    const std::string& text() const { return text_; }

    // Never throws: a failure at execution time yields `<error expanding template: ...>`, as in
    // Prometheus.
    std::string expand(const TemplateData& data) const;

    struct Node;

private:
    std::string text_;
    std::shared_ptr<const Node> root_;
};

}  // namespace sim::alerting
