// A scenario file: one drill (or what-if) as a fault timeline over a green baseline. Loaded through
// one schema path; every problem is a sim::InputError with file:line:col and what was expected.
//
//   name: redis-outage                # required
//   drill: Redis outage               # the drill's heading in the docs (optional for what-ifs)
//   variant: block-egress             # optional
//   seed: 7                           # default 1
//   warmup: 10m                       # green baseline before injection (default 10m)
//   fault_duration: 10m               # required
//   recovery: 15m                     # observation window after the fault is removed (default 0s)
//   traffic: {multiplier: 1.0}        # optional, baseline protected traffic
//   profile: {gateway.sts_timeout: 5s}  # optional overrides by Profile key
//   faults:
//     - primitive: block              # see models/faults/fault.hpp
//       at: 0s                        # offset from injection (default 0s)
//       duration: 5m                  # default fault_duration; `until_recovered`: ends with the fault phase
//       from: gateway
//       to: sts
//   disturbances: routine            # optional: draw the profile's routine disturbances over the
//                                    # fault phase (routine_disturbances.hpp), a baseline run
//   expectations:                    # see models/scenario/expectations.hpp
//     alerts: [CaracalGatewaySTSExchangeErrors, CaracalGatewaySTSCircuitOpen]
//     order: [[CaracalGatewaySTSExchangeErrors, CaracalGatewaySTSCircuitOpen]]
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/expectations.hpp"
#include "models/faults/fault.hpp"
#include "models/platform/profile.hpp"

namespace caracal {

struct FaultStep {
    std::shared_ptr<const Fault> fault;
    Duration at;                      // after injection
    std::optional<Duration> duration;  // nullopt: until the fault phase ends (`until_recovered`)
    sim::SourcePos pos;
};

struct ProfileOverride {
    std::string key;
    std::string value;
    sim::SourcePos pos;
};

struct Scenario {
    std::string file;
    std::string name;
    std::string drill;
    std::string variant;
    std::uint64_t seed = 1;
    Duration warmup = Duration::minutes(10);
    Duration fault_duration;
    Duration recovery;
    double traffic_multiplier = 1;
    std::vector<ProfileOverride> profile;
    std::vector<FaultStep> faults;
    // Set: the run draws routine disturbances over the fault phase from its seed (issue 19).
    bool routine_disturbances = false;
    Expectations expectations;

    // `base` with this scenario's profile overrides applied (validated when loading).
    Profile apply_overrides(Profile base) const;
};

// Throws sim::InputError.
Scenario load_scenario(const std::string& path);
Scenario parse_scenario_text(const std::string& text, const std::string& file_name);

}  // namespace caracal
