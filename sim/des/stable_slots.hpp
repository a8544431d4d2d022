// A table of records addressed by a small slot number, whose addresses never change: the kernel
// runs each event callback in place in its record, and a callback may schedule events (claim
// slots) while it runs, which in a std::vector could move the very record being run. Records
// live in fixed-size chunks that are never moved or freed before the table; a slot number is
// (chunk, index) in two bit fields, so a lookup is two loads and no branch.
//
// Freed slots are reused most-recently-freed first: that record is still in cache.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sim/des/cache_line_allocator.hpp"

namespace sim::des {

template <typename Record>
class StableSlots {
public:
    // At most this many slots are ever claimed at once (the kernel keys events with 24-bit slots).
    explicit StableSlots(std::uint32_t max_slots) : max_slots_(max_slots) {}

    Record& operator[](std::uint32_t slot) { return chunks_[slot >> kChunkBits][slot & (kChunkSize - 1)]; }
    const Record& operator[](std::uint32_t slot) const {
        return chunks_[slot >> kChunkBits][slot & (kChunkSize - 1)];
    }
    // Slots ever claimed: every slot below this has a record.
    std::uint32_t size() const { return size_; }

    // No released slot to reuse: the next claim() makes a new one.
    bool exhausted() const { return free_.empty(); }
    void grow_if_exhausted() {
        if (free_.empty()) grow();
    }
    std::uint32_t claim() {
        grow_if_exhausted();
        const std::uint32_t slot = free_.back();
        free_.pop_back();
        return slot;
    }
    // The caller has put the record back in its unused state.
    void release(std::uint32_t slot) { free_.push_back(slot); }

private:
    // 256 records per chunk: 16 KiB of 64-byte records, small enough that a short simulation
    // does not pay for a large first chunk.
    static constexpr int kChunkBits = 8;
    static constexpr std::uint32_t kChunkSize = std::uint32_t{1} << kChunkBits;

    struct Deleter {
        void operator()(Record* records) const {
            for (std::uint32_t i = 0; i < kChunkSize; ++i) records[i].~Record();
            CacheLineAllocator<Record>().deallocate(records, kChunkSize);
        }
    };
    using Chunk = std::unique_ptr<Record[], Deleter>;

    // Makes one more slot, as if it had been released.
    [[gnu::noinline]] void grow() {
        if (size_ >= max_slots_) throw std::length_error("too many pending events");
        if (size_ % kChunkSize == 0) {
            Record* records = CacheLineAllocator<Record>().allocate(kChunkSize);
            for (std::uint32_t i = 0; i < kChunkSize; ++i) ::new (static_cast<void*>(records + i)) Record();
            Chunk chunk(records);
            chunks_.push_back(std::move(chunk));
        }
        free_.push_back(size_++);
    }

    std::uint32_t max_slots_;
    std::uint32_t size_ = 0;
    std::vector<Chunk> chunks_;
    std::vector<std::uint32_t> free_;
};

}  // namespace sim::des
