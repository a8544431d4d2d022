#include "models/platform/service.hpp"

namespace caracal {

std::string_view name(Service s) {
    switch (s) {
        case Service::Api: return "api";
        case Service::Sts: return "sts";
        case Service::Gateway: return "gateway";
        case Service::Audit: return "audit";
        case Service::Coordinator: return "coordinator";
    }
    return "?";
}

}  // namespace caracal
