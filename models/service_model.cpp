#include "models/service_model.hpp"

namespace caracal {

ProbeOutcome ServiceModel::check_link(Link link) {
    switch (link) {
        case Link::Up: return ProbeOutcome::success();
        case Link::Refused: return ProbeOutcome::failure();
        case Link::Blackhole: return ProbeOutcome::hang();
    }
    return ProbeOutcome::failure();
}

ProbeOutcome ServiceModel::check_links(std::initializer_list<Endpoint> deps) const {
    for (Endpoint dep : deps) {
        const ProbeOutcome o = check_link(ctx_.network.link(deployment_.service(), dep));
        if (!o.ok) return o;
    }
    return ProbeOutcome::success();
}

}  // namespace caracal
