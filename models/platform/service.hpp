// Caracal's services, as the docs name them (/services/).
#pragma once

#include <array>
#include <string_view>

namespace caracal {

enum class Service { Api, Sts, Gateway, Audit, Coordinator };

inline constexpr std::array<Service, 5> kServices{Service::Api, Service::Sts, Service::Gateway, Service::Audit,
                                                  Service::Coordinator};

// Lower-case name used as Prometheus `job` and in pod names: "api", "sts", ...
std::string_view name(Service s);

}  // namespace caracal
