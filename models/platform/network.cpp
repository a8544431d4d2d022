#include "models/platform/network.hpp"

namespace caracal {

Endpoint endpoint_of(Service s) {
    switch (s) {
        case Service::Api: return Endpoint::Api;
        case Service::Sts: return Endpoint::Sts;
        case Service::Gateway: return Endpoint::Gateway;
        case Service::Audit: return Endpoint::Audit;
        case Service::Coordinator: return Endpoint::Coordinator;
    }
    return Endpoint::Api;
}

}  // namespace caracal
