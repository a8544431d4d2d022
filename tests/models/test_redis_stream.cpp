#include <catch2/catch.hpp>

#include <stdexcept>

#include "models/datastores/redis_stream.hpp"

using namespace caracal;

namespace {

Time at_s(std::int64_t s) { return Time::epoch() + Duration::seconds(s); }

RedisStream stream_with(int n, StreamTrim trim = {}) {
    RedisStream s(trim);
    for (int i = 0; i < n; ++i) s.add(at_s(i), 100 + static_cast<std::uint64_t>(i));
    return s;
}

}  // namespace

TEST_CASE("stream ids increase from 1 and entries keep their production time and payload") {
    RedisStream s;
    CHECK(s.last_id() == 0);
    CHECK(s.add(at_s(1), 7) == 1);
    CHECK(s.add(at_s(2), 8) == 2);
    CHECK(s.length() == 2);
    REQUIRE(s.find(2) != nullptr);
    CHECK(s.find(2)->produced_at == at_s(2));
    CHECK(s.find(2)->payload == 8);
    CHECK(s.find(3) == nullptr);
}

TEST_CASE("a group created at $ reads only later entries, one created at 0 reads the whole stream") {
    RedisStream s = stream_with(3);
    s.create_group("tail", GroupStart::NewEntries);
    s.create_group("all", GroupStart::Beginning);
    CHECK(s.lag("tail") == 0);
    CHECK(s.lag("all") == 3);
    s.add(at_s(10), 9);
    const auto tail = s.read_new("tail", "c1", 10, at_s(10));
    REQUIRE(tail.size() == 1);
    CHECK(tail[0].id == 4);
    CHECK(s.read_new("all", "c1", 10, at_s(10)).size() == 4);
}

TEST_CASE("reading new entries puts them in the PEL with delivery count 1 and advances lag and entries-read") {
    RedisStream s = stream_with(5);
    s.create_group("g", GroupStart::Beginning);
    const auto got = s.read_new("g", "c1", 3, at_s(20));
    REQUIRE(got.size() == 3);
    CHECK(got[0].id == 1);
    CHECK(got[2].id == 3);
    CHECK(got[1].entry->payload == 101);
    CHECK(got[1].delivery_count == 1);
    CHECK(s.last_delivered("g") == 3);
    CHECK(s.entries_read("g") == 3);
    CHECK(s.lag("g") == 2);

    CHECK(s.pending("g") == PendingSummary{3, 1, 3, at_s(20), {{"c1", 3}}});
    CHECK(s.pending_entries("g", 2, 10) ==
          std::vector<PendingEntry>{{2, "c1", at_s(20), 1}, {3, "c1", at_s(20), 1}});
}

TEST_CASE("acking removes an entry from the PEL once; the summary then starts at the oldest unacked") {
    RedisStream s = stream_with(4);
    s.create_group("g", GroupStart::Beginning);
    s.read_new("g", "c1", 2, at_s(10));
    s.read_new("g", "c2", 2, at_s(11));
    CHECK(s.ack("g", 1));
    CHECK_FALSE(s.ack("g", 1));
    CHECK_FALSE(s.ack("g", 9));
    CHECK(s.ack("g", 4));
    CHECK(s.pending("g") == PendingSummary{2, 2, 3, at_s(10), {{"c1", 1}, {"c2", 1}}});
    CHECK(s.ack("g", 2));
    CHECK(s.pending("g").oldest_delivery == at_s(11));
    CHECK(s.ack("g", 3));
    CHECK(s.pending("g").count == 0);
    CHECK_FALSE(s.pending("g").oldest_delivery);
    CHECK(s.pending("g").per_consumer.empty());
}

TEST_CASE("acking several ids at once acks the pending ones and counts them") {
    RedisStream s = stream_with(5);
    s.create_group("g", GroupStart::Beginning);
    s.read_new("g", "c1", 2, at_s(10));
    s.read_new("g", "c2", 2, at_s(11));
    CHECK(s.ack("g", std::vector<EntryId>{1, 3, 5, 9}) == 2);  // 5 was never read, 9 never added
    CHECK(s.pending("g") == PendingSummary{2, 2, 4, at_s(10), {{"c1", 1}, {"c2", 1}}});
    CHECK(s.ack("g", std::vector<EntryId>{2, 2, 4}) == 2);
    CHECK(s.pending("g").count == 0);
    CHECK_FALSE(s.pending("g").oldest_delivery);
}

TEST_CASE("the oldest delivery stays exact while tombstones behind a stuck entry are compacted") {
    RedisStream s = stream_with(300);
    s.create_group("g", GroupStart::Beginning);
    s.read_new("g", "stuck", 1, at_s(1));
    for (int i = 0; i < 3; ++i) s.read_new("g", "c", 100, at_s(10 + i));
    std::vector<EntryId> acked;
    for (EntryId id = 2; id <= 300; ++id)
        if (id % 7 != 0) acked.push_back(id);
    CHECK(s.ack("g", acked) == acked.size());
    CHECK(s.pending("g").oldest_delivery == at_s(1));
    CHECK(s.ack("g", 1));
    CHECK(s.pending("g").oldest_delivery == at_s(10));  // 7, 14, ... from the first read of 100
    for (EntryId id = 7; id <= 101; id += 7) CHECK(s.ack("g", id));
    CHECK(s.pending("g").oldest_delivery == at_s(11));
    CHECK(s.pending("g").min_id == 105);
    CHECK(s.pending_entries("g", 0, 1) == std::vector<PendingEntry>{{105, "c", at_s(11), 1}});
}

TEST_CASE("claiming idle entries moves them to the claimer with delivery count + 1 and a fresh delivery time") {
    RedisStream s = stream_with(3);
    s.create_group("g", GroupStart::Beginning);
    s.read_new("g", "dead", 2, at_s(100));
    s.read_new("g", "dead", 1, at_s(150));

    // Only entries idle for at least a minute at t=160: the two read at t=100.
    const ClaimResult r = s.claim_idle("g", "alive", Duration::minutes(1), 10, at_s(160));
    REQUIRE(r.claimed.size() == 2);
    CHECK(r.claimed[0].id == 1);
    CHECK(r.claimed[0].delivery_count == 2);
    CHECK(r.next_cursor == 0);
    CHECK(r.deleted.empty());

    CHECK(s.pending_entries("g", 0, 10) == std::vector<PendingEntry>{{1, "alive", at_s(160), 2},
                                                                     {2, "alive", at_s(160), 2},
                                                                     {3, "dead", at_s(150), 1}});
    // The oldest delivery is now entry 3's, at t=150.
    CHECK(s.pending("g").oldest_delivery == at_s(150));
    CHECK(s.pending("g").per_consumer.at("alive") == 2);

    // Idle time restarts at the claim: nothing of entry 1/2 is claimable 59 s later.
    CHECK(s.claim_idle("g", "other", Duration::minutes(1), 10, at_s(219)).claimed.size() == 1);
}

TEST_CASE("claim_idle stops after count claims and returns the cursor to continue from") {
    RedisStream s = stream_with(5);
    s.create_group("g", GroupStart::Beginning);
    s.read_new("g", "c1", 5, at_s(0));
    const ClaimResult first = s.claim_idle("g", "c2", Duration::seconds(1), 2, at_s(10));
    REQUIRE(first.claimed.size() == 2);
    CHECK(first.next_cursor == 3);
    const ClaimResult second = s.claim_idle("g", "c2", Duration::seconds(1), 10, at_s(10), first.next_cursor);
    REQUIRE(second.claimed.size() == 3);
    CHECK(second.claimed[0].id == 3);
    CHECK(second.next_cursor == 0);
}

TEST_CASE("claim_idle examines at most ten slots per requested entry") {
    RedisStream s = stream_with(30);
    s.create_group("g", GroupStart::Beginning);
    s.read_new("g", "c1", 25, at_s(100));  // 1..25: not idle yet
    s.read_new("g", "c1", 5, at_s(0));
    const ClaimResult r = s.claim_idle("g", "c2", Duration::seconds(50), 1, at_s(101));
    CHECK(r.claimed.empty());
    CHECK(r.next_cursor == 11);
}

TEST_CASE("exact MAXLEN keeps the newest entries; entries trimmed unread are lost only for groups behind") {
    RedisStream s(StreamTrim{5, false});
    s.create_group("fast", GroupStart::Beginning);
    s.create_group("slow", GroupStart::Beginning);
    for (int i = 0; i < 4; ++i) s.add(at_s(i), 0);
    s.read_new("fast", "c", 4, at_s(4));
    s.read_new("slow", "c", 1, at_s(4));
    for (int i = 4; i < 10; ++i) s.add(at_s(i), 0);

    CHECK(s.length() == 5);
    CHECK(s.first_id() == 6);
    CHECK(s.trimmed() == 5);
    CHECK(s.lost("fast") == 1);  // entry 5 was trimmed before "fast" read it
    CHECK(s.lost("slow") == 4);  // entries 2..5
    CHECK(s.lag("fast") == 5);
    CHECK(s.lag("slow") == 5);
    const auto next = s.read_new("slow", "c", 1, at_s(10));
    REQUIRE(next.size() == 1);
    CHECK(next[0].id == 6);
}

TEST_CASE("approximate MAXLEN removes whole nodes only, keeping at least max_len entries") {
    RedisStream s(StreamTrim{25, true, 10});
    for (int i = 1; i <= 34; ++i) {
        s.add(at_s(i), 0);
        CHECK(s.length() == static_cast<std::size_t>(i));  // dropping the first node would leave < 25
    }
    s.add(at_s(35), 0);  // ids 1..10 form a full node and 25 remain without it
    CHECK(s.length() == 25);
    CHECK(s.first_id() == 11);
    for (int i = 36; i <= 44; ++i) s.add(at_s(i), 0);
    CHECK(s.length() == 34);
    CHECK(s.trimmed() == 10);
}

TEST_CASE("entries trimmed while pending stay in the PEL, read back as nil and are dropped by a claim") {
    RedisStream s(StreamTrim{2, false});
    s.create_group("g", GroupStart::Beginning);
    s.add(at_s(0), 0);
    s.add(at_s(0), 0);
    s.read_new("g", "c1", 2, at_s(1));
    s.add(at_s(2), 0);
    s.add(at_s(2), 0);  // entries 1 and 2 trimmed while pending
    CHECK(s.lost("g") == 0);
    CHECK(s.pending("g").count == 2);

    const auto again = s.read_pending("g", "c1", 10, at_s(3));
    REQUIRE(again.size() == 2);
    CHECK_FALSE(again[0].entry);
    CHECK(again[0].delivery_count == 1);

    const ClaimResult r = s.claim_idle("g", "c2", Duration{}, 10, at_s(4));
    CHECK(r.claimed.empty());
    CHECK(r.deleted == std::vector<EntryId>{1, 2});
    CHECK(s.pending("g").count == 0);
}

TEST_CASE("reading own pending entries redelivers existing ones with delivery count + 1") {
    RedisStream s = stream_with(3);
    s.create_group("g", GroupStart::Beginning);
    s.read_new("g", "c1", 2, at_s(5));
    s.read_new("g", "c2", 1, at_s(5));
    const auto again = s.read_pending("g", "c1", 10, at_s(9));
    REQUIRE(again.size() == 2);
    CHECK(again[0].entry->id == 1);
    CHECK(again[1].delivery_count == 2);
    CHECK(s.pending("g").oldest_delivery == at_s(5));  // c2's entry 3
    CHECK(s.ack("g", 3));
    CHECK(s.pending("g").oldest_delivery == at_s(9));
}

TEST_CASE("unknown and duplicate consumer groups are rejected") {
    RedisStream s;
    s.create_group("g", GroupStart::NewEntries);
    CHECK(s.has_group("g"));
    CHECK_THROWS_AS(s.create_group("g", GroupStart::Beginning), std::invalid_argument);
    CHECK_THROWS_AS(s.read_new("nope", "c", 1, at_s(0)), std::invalid_argument);
    CHECK_THROWS_AS(s.lag("nope"), std::invalid_argument);
    CHECK_THROWS_AS(RedisStream(StreamTrim{10, true, 0}), std::invalid_argument);
}

TEST_CASE("a million entries stream through read and ack behind one stuck entry with exact accounting") {
    constexpr int kEntries = 1'000'000;
    RedisStream s(StreamTrim{10'000, true, 100});
    s.create_group("g", GroupStart::Beginning);
    s.add(at_s(0), 0);
    s.read_new("g", "stuck", 1, at_s(0));  // never acked: the PEL front stays put
    std::uint64_t acked = 0;
    for (int i = 1; i < kEntries; ++i) {
        s.add(Time::epoch() + Duration::millis(i), 0);
        if (i % 100 == 0) {
            for (const Delivery& d : s.read_new("g", "worker", 100, Time::epoch() + Duration::millis(i)))
                acked += s.ack("g", d.id) ? 1 : 0;
        }
    }
    for (const Delivery& d : s.read_new("g", "worker", 100, Time::epoch() + Duration::millis(kEntries)))
        acked += s.ack("g", d.id) ? 1 : 0;
    CHECK(acked == kEntries - 1);
    CHECK(s.lag("g") == 0);
    CHECK(s.lost("g") == 0);
    CHECK(s.entries_read("g") == kEntries);
    CHECK(s.pending("g") == PendingSummary{1, 1, 1, at_s(0), {{"stuck", 1}}});
    CHECK(s.length() >= 10'000);
    CHECK(s.length() < 10'100);
    CHECK(s.trimmed() + s.length() == kEntries);
}

TEST_CASE("a copied stream's groups are its own: acking in the copy leaves the original's PEL alone") {
    RedisStream original = stream_with(3);
    original.create_group("g", GroupStart::Beginning);
    original.create_group("h", GroupStart::Beginning);
    original.read_new("g", "c", 3, at_s(5));
    CHECK(original.pending("g").count == 3);  // the original has looked up "g" last
    RedisStream copy = original;
    CHECK(copy.ack("g", 1));
    CHECK(copy.pending("g").count == 2);
    CHECK(original.pending("g").count == 3);
    original = copy;
    CHECK(original.ack("g", 2));
    CHECK(original.pending("g").count == 1);
    CHECK(copy.pending("g").count == 2);
    CHECK(copy.pending("h").count == 0);
}
