#include "models/pending_payloads.hpp"

#include <stdexcept>

namespace caracal {

void PendingPayloads::insert(EntryId id, std::uint64_t payload) {
    if (id <= last_inserted_) throw std::logic_error("pending payloads: entry ids must be inserted in increasing order");
    last_inserted_ = id;
    if (slots_.empty()) first_ = id;
    while (slots_.size() < id - first_) slots_.emplace_back();  // ids skipped (trimmed unread) stay empty
    slots_.emplace_back(payload);
    ++held_;
}

std::optional<std::uint64_t> PendingPayloads::find(EntryId id) const {
    if (id < first_ || id - first_ >= slots_.size()) return std::nullopt;
    return slots_[id - first_];
}

void PendingPayloads::erase(EntryId id) {
    if (id < first_ || id - first_ >= slots_.size() || !slots_[id - first_]) return;
    slots_[id - first_].reset();
    --held_;
    while (!slots_.empty() && !slots_.front()) {
        slots_.pop_front();
        ++first_;
    }
}

}  // namespace caracal
