// Fault primitives: small units a scenario composes (an outage, a block, a pause, ...). Each is parsed from its
// scenario step (every problem a positioned sim::InputError), applied to a running World at the
// step's start and reverted at its end. One-shot primitives (activate_policy, revoke) act at the
// start and have nothing to revert.
#pragma once

#include <functional>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "models/platform/network.hpp"
#include "models/platform/profile.hpp"
#include "models/platform/service.hpp"
#include "models/platform/yaml_mapping.hpp"

namespace caracal {

class World;

// What a fault acts on: the world, and the traffic level a load fault returns to.
struct FaultTarget {
    World& world;
    double baseline_load = 1;
};

// Undoes one applied fault; empty for one-shot primitives.
using Revert = std::function<void()>;

class Fault {
public:
    virtual ~Fault() = default;
    // Starts the fault now and returns how to end it.
    virtual Revert apply(FaultTarget& target) const = 0;
    // `block(gateway, sts)`: the primitive with its parameters, for reports.
    virtual std::string describe() const = 0;
    // While in effect, a broken audit hash chain is the expected outcome rather than a violation.
    virtual bool tampers_evidence() const { return false; }
};

// A fault that changes one setting of the world and changes it back: most primitives are one.
class SettingFault : public Fault {
public:
    using Action = std::function<void(World&)>;
    SettingFault(std::string description, Action set, Action unset)
        : description_(std::move(description)), set_(std::move(set)), unset_(std::move(unset)) {}
    Revert apply(FaultTarget& target) const override;
    std::string describe() const override { return description_; }

private:
    std::string description_;
    Action set_, unset_;
};

// A step's parameters: the generic readers plus the component kinds faults name.
class FaultParams : public YamlMapping {
public:
    FaultParams(const std::string& primitive, const YAML::Node& step, const std::string& file);

    // A service by its job name (`api`, `sts`, `gateway`, `audit`, `coordinator`).
    Service service(const std::string& key);
    // A service or a datastore (`postgres`, `redis`, `provider`).
    Endpoint endpoint(const std::string& key);
    // One of the consumer groups Caracal's streams have.
    std::string consumer_group(const std::string& key);
};

// Parses the primitive named `primitive` from its step; throws a positioned sim::InputError for
// an unknown primitive (listing the known ones) or bad parameters.
std::unique_ptr<Fault> parse_fault(const std::string& primitive, FaultParams& params);

// The primitives, by family (faults_*.cpp). Each returns nullptr when it does not know the name.
std::unique_ptr<Fault> parse_network_fault(const std::string& primitive, FaultParams& params);
std::unique_ptr<Fault> parse_service_fault(const std::string& primitive, FaultParams& params);
std::unique_ptr<Fault> parse_consumer_fault(const std::string& primitive, FaultParams& params);
std::unique_ptr<Fault> parse_audit_fault(const std::string& primitive, FaultParams& params);
// Recovery actions a drill schedules as one-shot steps (replay_dlq).
std::unique_ptr<Fault> parse_recovery_fault(const std::string& primitive, FaultParams& params);
// Routine operations (rolling_deploy, drain_node), the disturbances of a baseline (issue 19).
std::unique_ptr<Fault> parse_routine_fault(const std::string& primitive, FaultParams& params);

// How long a replaced pod takes to be ready: its readiness probes until the success threshold.
Duration replacement_ready(const Profile& p);
// How long an old pod takes to go: its preStop sleep and its drain, cut at the grace period.
Duration old_pod_stopping(const Profile& p, Duration drain);
// How long a rolling_deploy of `replicas` pods runs when each old pod drains for `drain`.
Duration rolling_deploy_span(const Profile& p, int replicas, Duration drain);

// `postgres`, `redis`, `provider` or the service's name.
std::string endpoint_name(Endpoint e);

// Scales a service's pods to `replicas` and returns how to restore the count running before.
Revert scale_for_fault(World& world, Service s, int replicas);

// Every primitive name, for error messages.
const std::vector<std::string>& fault_primitives();

// The keys every step has besides its parameters (read by the scenario loader).
const std::vector<std::string>& fault_step_keys();

}  // namespace caracal
