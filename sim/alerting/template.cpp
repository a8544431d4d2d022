#include "sim/alerting/template.hpp"

#include "sim/alerting/template_ast.hpp"
#include "sim/alerting/template_exec.hpp"
#include "sim/alerting/template_parser.hpp"

namespace sim::alerting {

Template::Template(std::string_view text)
    : text_(text), root_(std::make_shared<const Node>(parse_template(text))) {}

Template::~Template() = default;
Template::Template(const Template&) = default;
Template& Template::operator=(const Template&) = default;
Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;

std::string Template::expand(const TemplateData& data) const {
    const std::string name = "__alert_" + std::string(data.alert_name);
    try {
        return execute_template(*root_, text_, name, data);
    } catch (const TemplateExecError& e) {
        return "<error expanding template: error executing template " + name + ": " + e.what() + ">";
    }
}

}  // namespace sim::alerting
