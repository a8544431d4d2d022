#include "models/datastores/pending_payloads.hpp"

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

void PendingPayloads::erase(std::span<const EntryId> ids) {
    for (const EntryId id : ids) {
        if (id < first_ || id - first_ >= slots_.size() || !slots_[id - first_]) continue;
        slots_[id - first_].reset();
        --held_;
    }
    std::size_t gone = 0;
    while (gone < slots_.size() && !slots_[gone]) ++gone;
    slots_.pop_front(gone);
    first_ += gone;
}

}  // namespace caracal
