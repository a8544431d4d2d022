#include "models/datastores/audit_stream_mirror.hpp"

namespace caracal {

StreamMirror::StreamMirror(const RedisStream& stream) : next_id_(stream.last_id() + 1) {}

void StreamMirror::sync(const RedisStream& stream, const std::function<void(const StreamEntry&)>& on_trimmed) {
    for (; next_id_ <= stream.last_id(); ++next_id_) {
        if (const StreamEntry* e = stream.find(next_id_))
            entries_.push_back(*e);
        else
            ++untracked_;
    }
    // Trimming takes the oldest entries, so the trimmed untaken ones are at the front.
    while (!entries_.empty() && !stream.find(entries_.front().id)) {
        on_trimmed(entries_.front());
        entries_.pop_front();
    }
}

void StreamMirror::take_through(EntryId id) {
    while (!entries_.empty() && entries_.front().id <= id) entries_.pop_front();
}

std::vector<StreamEntry> StreamMirror::take_all() {
    std::vector<StreamEntry> out(entries_.begin(), entries_.end());
    entries_.clear();
    return out;
}

}  // namespace caracal
