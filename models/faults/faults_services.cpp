// Faults acting through the services: scale, load, pause_distribution, activate_policy,
// expire_credential, revoke.
#include <memory>
#include <optional>

#include "models/faults/fault.hpp"
#include "models/world/world.hpp"

namespace caracal {

Revert scale_for_fault(World& world, Service s, int replicas) {
    const int before = static_cast<int>(world.service(s).deployment().running().size());
    world.scale(s, replicas);
    return [&world, s, before] { world.scale(s, before); };
}

namespace {

class Scale : public Fault {
public:
    Scale(Service service, int replicas) : service_(service), replicas_(replicas) {}
    Revert apply(FaultTarget& t) const override { return scale_for_fault(t.world, service_, replicas_); }
    std::string describe() const override {
        return "scale(" + std::string(name(service_)) + ", " + std::to_string(replicas_) + ")";
    }

private:
    Service service_;
    int replicas_;
};

// Protected traffic at `multiplier` times the scenario's baseline.
class Load : public Fault {
public:
    explicit Load(double multiplier) : multiplier_(multiplier) {}
    Revert apply(FaultTarget& t) const override {
        GatewayService& gw = t.world.gateway();
        gw.set_load(t.baseline_load * multiplier_);
        return [&gw, base = t.baseline_load] { gw.set_load(base); };
    }
    std::string describe() const override { return "load(" + YAML::Node(multiplier_).Scalar() + ")"; }

private:
    double multiplier_;
};

// One-shot: an admin activates a policy-set version through the API.
class ActivatePolicy : public Fault {
public:
    ActivatePolicy(std::optional<std::int64_t> version, bool compiles) : version_(version), compiles_(compiles) {}
    Revert apply(FaultTarget& t) const override {
        t.world.api().activate_policy(version_.value_or(t.world.ctx().policies.next_version()), compiles_);
        return {};
    }
    std::string describe() const override {
        return "activate_policy(" + (version_ ? std::to_string(*version_) : std::string("next")) +
               ", compiles=" + (compiles_ ? "true" : "false") + ")";
    }

private:
    std::optional<std::int64_t> version_;  // unset: the next unused version
    bool compiles_;
};

// One-shot: an admin revokes `sessions` sessions through the API.
class Revoke : public Fault {
public:
    explicit Revoke(int sessions) : sessions_(sessions) {}
    Revert apply(FaultTarget& t) const override {
        for (int i = 0; i < sessions_; ++i) t.world.api().revoke_session();
        return {};
    }
    std::string describe() const override { return "revoke(" + std::to_string(sessions_) + " session(s))"; }

private:
    int sessions_;
};

}  // namespace

std::unique_ptr<Fault> parse_service_fault(const std::string& primitive, FaultParams& params) {
    if (primitive == "scale") {
        const Service s = params.service("service");
        return std::make_unique<Scale>(s, params.count("replicas", 0, 64));
    }
    if (primitive == "load") return std::make_unique<Load>(params.number("multiplier", 0, 1000));
    if (primitive == "pause_distribution") {
        params.fixed("distribution", "policy");
        return std::make_unique<SettingFault>("pause_distribution(policy)",
                                              [](World& w) { w.sts().pause_distribution(true); },
                                              [](World& w) { w.sts().pause_distribution(false); });
    }
    if (primitive == "activate_policy") {
        std::optional<std::int64_t> version;
        if (const auto v = params.optional_text("version"); v && *v != "next")
            version = params.count("version", 2, 1'000'000'000);
        return std::make_unique<ActivatePolicy>(version, params.flag("compiles", true));
    }
    if (primitive == "expire_credential") {
        params.fixed("provider", "provider");
        return std::make_unique<SettingFault>("expire_credential(provider)",
                                              [](World& w) { w.sts().set_provider_credential_valid(false); },
                                              [](World& w) { w.sts().set_provider_credential_valid(true); });
    }
    if (primitive == "revoke") {
        return std::make_unique<Revoke>(params.optional_count("sessions", 1, 10000).value_or(1));
    }
    return nullptr;
}

}  // namespace caracal
