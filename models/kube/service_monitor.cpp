#include "models/kube/service_monitor.hpp"

namespace caracal {

std::string service_monitor_job(Service s) { return std::string(kChartFullname) + "-" + std::string(name(s)); }

int http_port(Service s) {
    switch (s) {
        case Service::Sts: return 8080;          // values.yaml:136
        case Service::Api: return 3000;          // values.yaml:157
        case Service::Gateway: return 8081;      // values.yaml:177
        case Service::Audit: return 9090;        // values.yaml:197
        case Service::Coordinator: return 4000;  // values.yaml:217
    }
    return 0;
}

sim::scrape::TargetConfig service_monitor_target(const Pod& pod, const std::string& pod_namespace) {
    sim::scrape::TargetConfig target;
    target.job = service_monitor_job(pod.service);
    target.instance = pod.name + ":" + std::to_string(http_port(pod.service));
    target.labels = {{"namespace", pod_namespace},
                     {"service", target.job},
                     {"endpoint", "http"},
                     {"pod", pod.name},
                     {"container", std::string(name(pod.service))}};
    return target;
}

}  // namespace caracal
