// A label set: name/value pairs kept sorted by name, as Prometheus keeps them, so equality,
// ordering and hashing are structural.
//
// Label sets are copied far more often than built (every sample of a query result, every scraped
// sample carries one), so copies share one immutable representation and a change copies it first
// unless nobody else holds it. The hash is computed once, when a set is built or changed.
#pragma once

#include <atomic>
#include <compare>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/base/stable_hash.hpp"

namespace sim::tsdb {

inline constexpr std::string_view kMetricName = "__name__";

struct Label {
    std::string name;
    std::string value;
    auto operator<=>(const Label&) const = default;
};

// FNV-1a over names and values, each followed by a separator byte that cannot occur in UTF-8 text
// (Prometheus uses 0xff the same way). The default basis is a digit short of FNV's; it stays, as
// hash order decides the iteration order of label-keyed tables.
class LabelHasher {
public:
    static constexpr std::uint64_t kDefaultBasis = 1469598103934665603ULL;
    explicit LabelHasher(std::uint64_t basis = kDefaultBasis) : h_(basis) {}

    void add(const Label& l) {
        mix(l.name);
        mix(l.value);
    }
    std::uint64_t value() const { return h_; }

private:
    static constexpr unsigned char kSeparator = 0xff;
    void mix(std::string_view s) { h_ = fnv1a64(kSeparator, fnv1a64(s, h_)); }
    std::uint64_t h_;
};

class Labels {
public:
    Labels() = default;
    Labels(std::initializer_list<Label> labels);
    static Labels from_map(const std::map<std::string, std::string>& m);

    // Empty string when absent, as in Prometheus (an empty value means "no such label").
    std::string_view get(std::string_view name) const;
    bool has(std::string_view name) const;
    // Setting an empty value removes the label.
    void set(std::string_view name, std::string_view value);
    void erase(std::string_view name);

    Labels without_name() const;                                   // drops __name__
    Labels keep_only(const std::vector<std::string>& names) const;  // `on(...)`, `by(...)`
    Labels drop(const std::vector<std::string>& names) const;       // `ignoring(...)`, `without(...)`
    // The labels whose name satisfies `keep`; shares this set when that is all of them.
    template <class Keep>
    Labels subset(Keep keep) const;
    // subset(keep).hash() without building the subset: grouping and vector matching key on it.
    template <class Keep>
    std::uint64_t subset_hash(Keep keep) const;

    const std::vector<Label>& items() const { return rep_ ? rep_->items : no_items(); }
    bool empty() const { return !rep_; }
    std::size_t size() const { return items().size(); }
    std::uint64_t hash() const { return rep_ ? rep_->hash : LabelHasher().value(); }

    // `name{a="b", c="d"}` when __name__ is set, `{a="b"}` otherwise; values Go-quoted.
    std::string to_string() const;

    friend bool operator==(const Labels& a, const Labels& b) {
        return a.rep_ == b.rep_ || (a.hash() == b.hash() && a.items() == b.items());
    }
    friend std::strong_ordering operator<=>(const Labels& a, const Labels& b) {
        if (a.rep_ == b.rep_) return std::strong_ordering::equal;
        return a.items() <=> b.items();
    }

private:
    struct Rep {
        Rep() = default;
        Rep(const Rep& other) : items(other.items), hash(other.hash) {}  // without the memo

        std::vector<Label> items;  // never empty: the empty set has no Rep
        std::uint64_t hash = 0;
        // without_name()'s result, kept once computed: a series keeps its label set for the whole
        // run, and rate() and arithmetic drop the name of every series at every evaluation.
        // Published once (empty → claimed → ready), as a set may be shared between threads.
        mutable std::atomic<int> nameless_state{0};
        mutable std::shared_ptr<Rep> nameless;
    };
    // Takes sorted, non-empty-valued items.
    explicit Labels(std::vector<Label> items);
    explicit Labels(std::shared_ptr<Rep> rep) : rep_(std::move(rep)) {}
    static const std::vector<Label>& no_items();
    // The items to change in place: copied first when another Labels shares them.
    std::vector<Label>& own_items();
    // Drops what was derived from this set's items before they change in place.
    void forget_derived();
    void rehash();

    std::shared_ptr<Rep> rep_;  // nullptr: the empty set
};

template <class Keep>
Labels Labels::subset(Keep keep) const {
    std::vector<Label> kept;
    kept.reserve(size());
    for (const auto& l : items())
        if (keep(std::string_view(l.name))) kept.push_back(l);
    if (kept.size() == size()) return *this;
    return Labels(std::move(kept));
}

template <class Keep>
std::uint64_t Labels::subset_hash(Keep keep) const {
    LabelHasher h;
    for (const auto& l : items())
        if (keep(std::string_view(l.name))) h.add(l);
    return h.value();
}

// Go's strconv.Quote for the ASCII/UTF-8 text we see in label values.
std::string quote(std::string_view s);

struct LabelsHash {
    std::size_t operator()(const Labels& l) const { return static_cast<std::size_t>(l.hash()); }
};

}  // namespace sim::tsdb
