#include "sim/alertmanager/location.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <ctime>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace sim::alertmanager {

struct Location::Transitions {
    std::vector<std::int64_t> at;       // transition instants (Unix seconds), ascending
    std::vector<std::int32_t> offsets;  // the offset in effect from each transition on
    std::int32_t initial = 0;           // before the first transition
};

namespace {

constexpr std::size_t kHeaderBytes = 44;

// Big-endian integers of a TZif file.
std::int64_t read_be(const std::string& bytes, std::size_t at, std::size_t width) {
    if (at + width > bytes.size()) throw std::out_of_range("truncated");
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < width; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
}

struct Counts {
    std::size_t isut, isstd, leap, time, type, chars;
};

Counts read_counts(const std::string& bytes, std::size_t header) {
    const auto n = [&](int i) { return static_cast<std::size_t>(read_be(bytes, header + 20 + 4 * i, 4)); };
    return {n(0), n(1), n(2), n(3), n(4), n(5)};
}

// The offsets of a TZif file (RFC 8536): the 64-bit block of version 2 and later, else the 32-bit one.
std::shared_ptr<const Location::Transitions> parse_tzif(const std::string& bytes) {
    if (bytes.compare(0, 4, "TZif") != 0) throw std::out_of_range("not a TZif file");
    std::size_t header = 0;
    Counts c = read_counts(bytes, header);
    std::size_t time_bytes = 4;
    if (bytes.size() > 4 && bytes[4] >= '2') {
        header = kHeaderBytes + c.time * 5 + c.type * 6 + c.chars + c.leap * 8 + c.isstd + c.isut;
        c = read_counts(bytes, header);
        time_bytes = 8;
    }
    const std::size_t times = header + kHeaderBytes;
    const std::size_t indices = times + c.time * time_bytes;
    const std::size_t types = indices + c.time;
    if (c.type == 0) throw std::out_of_range("no local time types");
    const auto type_offset = [&](std::size_t type) {
        if (type >= c.type) throw std::out_of_range("bad type index");
        return static_cast<std::int32_t>(read_be(bytes, types + type * 6, 4));
    };
    auto zone = std::make_shared<Location::Transitions>();
    zone->initial = type_offset(0);
    for (std::size_t i = 0; i < c.time; ++i) {
        zone->at.push_back(read_be(bytes, times + i * time_bytes, time_bytes));
        zone->offsets.push_back(type_offset(static_cast<unsigned char>(bytes.at(indices + i))));
    }
    return zone;
}

std::string zoneinfo_dir() {
    const char* dir = std::getenv("ZONEINFO");
    return dir && *dir ? dir : "/usr/share/zoneinfo";
}

CivilTime to_civil(const std::tm& tm) {
    return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_wday, tm.tm_hour * 60 + tm.tm_min};
}

std::int64_t floor_seconds(Time t) {
    const auto ms = t.unix_ms();
    return ms / 1000 - (ms % 1000 < 0 ? 1 : 0);
}

std::tm midnight_tm(int year, int month, int day) {
    std::tm tm{};
    tm.tm_year = year - 1900 + (month - 1) / 12;
    tm.tm_mon = (month - 1) % 12;
    tm.tm_mday = day;
    tm.tm_isdst = -1;
    return tm;
}

}  // namespace

Location Location::utc() { return Location("UTC", nullptr); }
Location Location::local() { return Location("Local", nullptr); }

Location Location::load(std::string_view name) {
    if (name.empty() || name == "UTC") return utc();
    if (name == "Local") return local();
    const std::string unknown = "unknown time zone " + std::string(name);
    if (name.find("..") != std::string_view::npos || name.front() == '/' || name.front() == '\\')
        throw std::invalid_argument("invalid location name " + std::string(name));
    const std::string path = zoneinfo_dir() + "/" + std::string(name);
    std::error_code ec;
    // A folder of zones (`Europe/`) opens as a stream on Linux but is no zone.
    if (!std::filesystem::is_regular_file(path, ec)) throw std::invalid_argument(unknown);
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) throw std::invalid_argument(unknown);
    try {
        return Location(std::string(name), parse_tzif(bytes));
    } catch (const std::out_of_range&) {
        throw std::invalid_argument(unknown + " (malformed zoneinfo file)");
    }
}

std::int64_t Location::offset_at(std::int64_t unix_secs) const {
    const auto it = std::upper_bound(zone_->at.begin(), zone_->at.end(), unix_secs);
    if (it == zone_->at.begin()) return zone_->initial;
    return zone_->offsets[static_cast<std::size_t>(it - zone_->at.begin()) - 1];
}

CivilTime Location::civil(Time t) const {
    const std::time_t secs = static_cast<std::time_t>(floor_seconds(t));
    std::tm tm{};
    if (name_ == "Local") {
        localtime_r(&secs, &tm);
        return to_civil(tm);
    }
    const std::time_t wall = zone_ ? static_cast<std::time_t>(secs + offset_at(secs)) : secs;
    gmtime_r(&wall, &tm);
    return to_civil(tm);
}

std::int64_t Location::midnight_unix(int year, int month, int day) const {
    std::tm tm = midnight_tm(year, month, day);
    if (name_ == "Local") return std::mktime(&tm);
    const std::int64_t wall = timegm(&tm);
    if (!zone_) return wall;
    // As Go's time.Date: the offset in effect at the wall time read as UTC, corrected when the
    // instant it gives falls under another offset.
    std::int64_t offset = offset_at(wall);
    if (const auto corrected = offset_at(wall - offset); corrected != offset) offset = corrected;
    return wall - offset;
}

}  // namespace sim::alertmanager
