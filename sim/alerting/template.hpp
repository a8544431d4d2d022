// The subset of Go text/template that Prometheus alert labels and annotations use:
// `{{ $labels.x }}`, `{{ $value }}`, `{{ $externalLabels.x }}`, `{{ $externalURL }}`,
// `{{ .Labels.x }}`, `{{ .Value }}`, string and number literals, pipelines into humanize,
// humanize1024, humanizeDuration, humanizePercentage, printf, and `{{-` / `-}}` trimming.
// Anything else is rejected when the rule file is loaded, naming the construct.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/tsdb/labels.hpp"

namespace sim::alerting {

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
};

class Template {
public:
    // Throws TemplateError.
    explicit Template(std::string_view text);
    ~Template();
    Template(Template&&) noexcept;
    Template& operator=(Template&&) noexcept;

    const std::string& text() const { return text_; }

    // Never throws: a failure at execution time yields `<error expanding template: ...>`, as in
    // Prometheus.
    std::string expand(const TemplateData& data) const;

    struct Node;

private:
    std::string text_;
    std::unique_ptr<Node> root_;
};

}  // namespace sim::alerting
