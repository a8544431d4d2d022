// The parse tree of an alert template, shaped like Go's text/template/parse tree so that the
// executor can report errors at the node Go reports them at.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/alerting/template.hpp"
#include "sim/alerting/template_functions.hpp"
#include "sim/alerting/template_value.hpp"

namespace sim::alerting {

struct Pipe;

// One word of a command.
struct Operand {
    enum class Kind { Literal, Dot, Nil, Field, Variable, Function, Pipe };
    Kind kind;
    int pos;                                 // byte offset in the template text
    std::string text;                        // Literal: as written; Variable: its name (`$x`)
    TemplateValue literal;                   // Literal
    std::vector<std::string> fields;         // Field, Variable, Pipe: the `.a.b` that follows
    const TemplateFunction* function = nullptr;  // Function
    std::shared_ptr<const Pipe> pipe;        // Pipe: a parenthesized pipeline

    std::string to_string() const;  // as Go prints the node in error messages
};

struct Command {
    int pos;
    std::vector<Operand> args;  // args[0] is the function, or the lone operand
    std::string to_string() const;
};

struct Pipe {
    int pos;
    std::vector<std::string> declared;  // `$x :=`, `$k, $v :=`
    bool is_assign = false;             // `$x =`
    std::vector<Command> commands;
    std::string to_string() const;
};

struct Template::Node {
    // Template is `{{template "name" pipeline}}` (a `block` parses into one and a definition).
    enum class Kind { List, Text, Action, If, With, Range, Break, Continue, Template };
    Kind kind = Kind::List;
    int pos = 0;                      // Template: the name's position, where Go reports it
    std::string text;                 // Text; Template and a definition: the template's name
    Pipe pipe{};                      // Action, If, With, Range; Template: no commands when absent
    std::vector<Node> list;           // List: the nodes; If, With, Range: the body
    std::vector<Node> else_list;      // If, With, Range
    bool has_else = false;
    // The root only: the templates the text defines, each a List named by `text`.
    std::vector<Node> definitions;

    // Go's String() of a Template node: `{{template "name" pipeline}}`.
    std::string template_call_text() const;
};

}  // namespace sim::alerting
