#include "sim/tsdb/labels.hpp"

#include <algorithm>
#include <cstdio>

namespace sim::tsdb {

namespace {
auto find_pos(const std::vector<Label>& items, std::string_view name) {
    return std::lower_bound(items.begin(), items.end(), name,
                            [](const Label& l, std::string_view n) { return l.name < n; });
}
bool contains(const std::vector<std::string>& names, std::string_view n) {
    return std::find(names.begin(), names.end(), n) != names.end();
}
}  // namespace

Labels::Labels(std::vector<Label> items) {
    if (items.empty()) return;
    rep_ = std::make_shared<Rep>();
    rep_->items = std::move(items);
    rehash();
}

Labels::Labels(std::initializer_list<Label> labels) {
    for (const auto& l : labels) set(l.name, l.value);
}

Labels Labels::from_map(const std::map<std::string, std::string>& m) {
    std::vector<Label> items;
    for (const auto& [k, v] : m)
        if (!v.empty()) items.push_back({k, v});
    return Labels(std::move(items));
}

const std::vector<Label>& Labels::no_items() {
    static const std::vector<Label> none;
    return none;
}

std::vector<Label>& Labels::own_items() {
    if (!rep_)
        rep_ = std::make_shared<Rep>();
    else if (rep_.use_count() > 1)
        rep_ = std::make_shared<Rep>(*rep_);
    else
        forget_derived();
    return rep_->items;
}

std::string_view Labels::get(std::string_view name) const {
    const auto& items = this->items();
    auto it = find_pos(items, name);
    if (it != items.end() && it->name == name) return it->value;
    return {};
}

bool Labels::has(std::string_view name) const {
    const auto& items = this->items();
    auto it = find_pos(items, name);
    return it != items.end() && it->name == name;
}

void Labels::set(std::string_view name, std::string_view value) {
    const auto& current = items();
    const auto at = find_pos(current, name);
    const bool present = at != current.end() && at->name == name;
    if (present ? at->value == value : value.empty()) return;
    const auto offset = at - current.begin();
    auto& items = own_items();
    const auto it = items.begin() + offset;
    if (value.empty())
        items.erase(it);
    else if (present)
        it->value.assign(value);
    else
        items.insert(it, Label{std::string(name), std::string(value)});
    if (items.empty())
        rep_.reset();
    else
        rehash();
}

void Labels::erase(std::string_view name) { set(name, {}); }

void Labels::forget_derived() {
    rep_->nameless.reset();
    rep_->nameless_state.store(0, std::memory_order_relaxed);
}

Labels Labels::without_name() const {
    if (!has(kMetricName)) return *this;
    enum : int { kNone, kClaimed, kReady };
    if (rep_->nameless_state.load(std::memory_order_acquire) == kReady) return Labels(rep_->nameless);
    Labels out = subset([](std::string_view n) { return n != kMetricName; });
    // The first thread to claim the memo fills it; a thread that loses the race keeps its own copy.
    int expected = kNone;
    if (rep_->nameless_state.compare_exchange_strong(expected, kClaimed, std::memory_order_acq_rel)) {
        rep_->nameless = out.rep_;
        rep_->nameless_state.store(kReady, std::memory_order_release);
    }
    return out;
}

Labels Labels::keep_only(const std::vector<std::string>& names) const {
    return subset([&names](std::string_view n) { return contains(names, n); });
}

Labels Labels::drop(const std::vector<std::string>& names) const {
    return subset([&names](std::string_view n) { return !contains(names, n); });
}

void Labels::rehash() {
    LabelHasher h;
    for (const auto& l : rep_->items) h.add(l);
    rep_->hash = h.value();
}

namespace {
// Length of the valid UTF-8 sequence starting at s[i], or 0 if the byte there starts none.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    unsigned min = 0;
    if (b >= 0xC2 && b <= 0xDF) n = 2, min = 0x80;
    else if (b >= 0xE0 && b <= 0xEF) n = 3, min = 0x800;
    else if (b >= 0xF0 && b <= 0xF4) n = 4, min = 0x10000;
    else return 0;
    if (i + n > s.size()) return 0;
    unsigned cp = b & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

void append_hex_escape(std::string& out, unsigned char c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", c);
    out += buf;
}
}  // namespace

std::string quote(std::string_view s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            // Valid UTF-8 is kept; a stray byte is escaped, as Go's strconv.Quote does.
            if (const std::size_t n = utf8_length(s, i)) {
                out.append(s.substr(i, n));
                i += n;
            } else {
                append_hex_escape(out, c);
                ++i;
            }
            continue;
        }
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            case '\a': out += "\\a"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\v': out += "\\v"; break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    append_hex_escape(out, c);
                } else {
                    out += static_cast<char>(c);
                }
        }
        ++i;
    }
    out += '"';
    return out;
}

std::string Labels::to_string() const {
    std::string out(get(kMetricName));
    out += '{';
    bool first = true;
    for (const auto& l : items()) {
        if (l.name == kMetricName) continue;
        if (!first) out += ", ";
        first = false;
        out += l.name;
        out += '=';
        out += quote(l.value);
    }
    out += '}';
    return out;
}

}  // namespace sim::tsdb
