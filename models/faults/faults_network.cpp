// Faults on who can reach what: outage, block, flap, latency.
#include <memory>
#include <optional>

#include "models/faults/fault.hpp"
#include "models/world/world.hpp"

namespace caracal {

namespace {

bool is_service(Endpoint e) {
    for (Service s : kServices)
        if (endpoint_of(s) == e) return true;
    return false;
}

Service service_of(Endpoint e) {
    for (Service s : kServices)
        if (endpoint_of(s) == e) return s;
    return Service::Api;
}

// A datastore or the provider stops answering (connections refused); a service is scaled to zero.
class Outage : public Fault {
public:
    explicit Outage(Endpoint component) : component_(component) {}
    Revert apply(FaultTarget& t) const override {
        if (is_service(component_)) return scale_for_fault(t.world, service_of(component_), 0);
        Network& net = t.world.ctx().network;
        net.set_endpoint(component_, Link::Refused);
        return [&net, c = component_] { net.set_endpoint(c, Link::Up); };
    }
    std::string describe() const override { return "outage(" + endpoint_name(component_) + ")"; }

private:
    Endpoint component_;
};

// Egress from one service (or all) to an endpoint is dropped: calls hang until their timeout.
class Block : public Fault {
public:
    Block(std::optional<Service> from, Endpoint to) : from_(from), to_(to) {}
    Revert apply(FaultTarget& t) const override {
        Network& net = t.world.ctx().network;
        std::vector<Service> sources;
        for (Service s : kServices)
            if ((!from_ || *from_ == s) && endpoint_of(s) != to_) sources.push_back(s);
        for (Service s : sources) net.set_path(s, to_, Link::Blackhole);
        return [&net, sources, to = to_] {
            for (Service s : sources) net.set_path(s, to, Link::Up);
        };
    }
    std::string describe() const override {
        return "block(" + (from_ ? std::string(name(*from_)) : "*") + ", " + endpoint_name(to_) + ")";
    }

private:
    std::optional<Service> from_;  // nullopt: every service
    Endpoint to_;
};

// The endpoint alternates between refusing (down) and answering (up), starting down, as a managed
// failover does while it settles.
class Flap : public Fault {
public:
    Flap(Endpoint component, std::optional<Duration> up, std::optional<Duration> down)
        : component_(component), up_(up), down_(down) {}

    Revert apply(FaultTarget& t) const override {
        const Profile& p = t.world.ctx().profile;
        auto cycle = std::make_shared<Cycle>(Cycle{t.world.ctx().sim, t.world.ctx().network, component_,
                                                   up_.value_or(p.postgres.failover_up),
                                                   down_.value_or(p.postgres.failover_down), {}});
        Cycle::go(cycle, /*down=*/true);
        return [cycle] {
            cycle->next.cancel();
            cycle->net.set_endpoint(cycle->component, Link::Up);
        };
    }
    std::string describe() const override {
        std::string text = "flap(" + endpoint_name(component_);
        if (up_) text += ", up=" + sim::format_duration(*up_);
        if (down_) text += ", down=" + sim::format_duration(*down_);
        return text + ")";
    }

private:
    struct Cycle {
        sim::des::Simulation& sim;
        Network& net;
        Endpoint component;
        Duration up, down;
        sim::des::EventHandle next;

        static void go(const std::shared_ptr<Cycle>& c, bool down) {
            c->net.set_endpoint(c->component, down ? Link::Refused : Link::Up);
            c->next = c->sim.schedule_after(down ? c->down : c->up, [c, down] { go(c, !down); });
        }
    };

    Endpoint component_;
    std::optional<Duration> up_, down_;  // unset: the profile's failover timings
};

}  // namespace

std::unique_ptr<Fault> parse_network_fault(const std::string& primitive, FaultParams& params) {
    if (primitive == "outage") return std::make_unique<Outage>(params.endpoint("component"));
    if (primitive == "block") {
        std::optional<Service> from;
        if (params.optional_text("from") == std::optional<std::string>("*"))
            from.reset();
        else
            from = params.service("from");
        const Endpoint to = params.endpoint("to");
        if (from && endpoint_of(*from) == to) params.fail("to", "a service cannot be blocked from itself");
        return std::make_unique<Block>(from, to);
    }
    if (primitive == "flap") {
        const Endpoint component = params.endpoint("component");
        if (is_service(component)) params.fail("component", "flap applies to postgres, redis or provider");
        const auto up = params.optional_duration("up"), down = params.optional_duration("down");
        if (up && *up <= Duration()) params.fail("up", "\"up\" must be positive");
        if (down && *down <= Duration()) params.fail("down", "\"down\" must be positive");
        return std::make_unique<Flap>(component, up, down);
    }
    if (primitive == "latency") {
        if (params.endpoint("component") != Endpoint::Postgres)
            params.fail("component", "latency is only modelled for postgres so far");
        // Every query takes `add` longer (a slow disk, a lock storm). Only Postgres has a latency
        // hook so far: services and Redis commands have none.
        const Duration add = params.duration("add");
        if (add <= Duration()) params.fail("add", "\"add\" must be positive");
        return std::make_unique<SettingFault>("latency(postgres, " + sim::format_duration(add) + ")",
                                              [add](World& w) { w.ctx().postgres.set_added_latency(add); },
                                              [](World& w) { w.ctx().postgres.set_added_latency({}); });
    }
    return nullptr;
}

}  // namespace caracal
