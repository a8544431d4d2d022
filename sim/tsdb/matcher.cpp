#include "sim/tsdb/matcher.hpp"

#include <re2/re2.h>

#include <stdexcept>

#include "sim/tsdb/labels.hpp"

namespace sim::tsdb {

std::string_view to_string(MatchOp op) {
    switch (op) {
        case MatchOp::Equal: return "=";
        case MatchOp::NotEqual: return "!=";
        case MatchOp::Regex: return "=~";
        case MatchOp::NotRegex: return "!~";
    }
    return "?";
}

Matcher::Matcher(std::string name, MatchOp op, std::string value)
    : name_(std::move(name)), op_(op), value_(std::move(value)) {
    if (op_ == MatchOp::Regex || op_ == MatchOp::NotRegex) {
        RE2::Options opts;
        opts.set_log_errors(false);
        auto re = std::make_shared<RE2>("^(?:" + value_ + ")$", opts);
        if (!re->ok()) throw std::invalid_argument(re->error());
        re_ = std::move(re);
    }
}

bool Matcher::matches(std::string_view v) const {
    switch (op_) {
        case MatchOp::Equal: return v == value_;
        case MatchOp::NotEqual: return v != value_;
        case MatchOp::Regex: return RE2::FullMatch(re2::StringPiece(v.data(), v.size()), *re_);
        case MatchOp::NotRegex: return !RE2::FullMatch(re2::StringPiece(v.data(), v.size()), *re_);
    }
    return false;
}

std::string Matcher::to_string() const { return name_ + std::string(tsdb::to_string(op_)) + quote(value_); }

}  // namespace sim::tsdb
