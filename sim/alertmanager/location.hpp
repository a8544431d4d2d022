// A time interval's `location`: the zone whose wall clock its times, weekdays and days are read in.
// As Go's time.LoadLocation resolves it: `UTC` (or empty), `Local` (TZ, else /etc/localtime, as the C
// library reads them), or an IANA name read from the system's zoneinfo files (TZif, e.g.
// /usr/share/zoneinfo/Europe/Paris; the directory may be overridden with ZONEINFO, as in Go).
// Instants after a file's last transition (2037 in Debian's files) keep the last offset.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/base/time.hpp"

namespace sim::alertmanager {

// The calendar fields of an instant on a zone's wall clock.
struct CivilTime {
    int year = 0;
    int month = 0;    // 1..12
    int day = 0;      // 1..31
    int weekday = 0;  // 0 = Sunday
    int minute_of_day = 0;
};

class Location {
public:
    static Location utc();
    static Location local();
    // Throws std::invalid_argument ("unknown time zone NAME") when no zoneinfo file has the name.
    static Location load(std::string_view name);

    const std::string& name() const { return name_; }
    CivilTime civil(Time t) const;
    // The instant the wall clock shows midnight starting `day` of `month` (1..12, may overflow into
    // the next year).
    std::int64_t midnight_unix(int year, int month, int day) const;

    struct Transitions;  // a TZif file's offsets (opaque); null for UTC and Local

private:
    Location(std::string name, std::shared_ptr<const Transitions> zone) : name_(std::move(name)), zone_(std::move(zone)) {}
    std::int64_t offset_at(std::int64_t unix_secs) const;  // seconds east of UTC

    std::string name_;
    std::shared_ptr<const Transitions> zone_;
};

}  // namespace sim::alertmanager
