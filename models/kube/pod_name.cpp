#include "models/kube/pod_name.hpp"

#include <cstdint>
#include <string_view>

namespace caracal {

namespace {

// The alphabet Kubernetes draws generated name parts from (no vowels, no look-alike digits).
constexpr std::string_view kNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 14695981039346656037ULL;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

std::string encode(std::uint64_t value, std::size_t length) {
    std::string out;
    for (std::size_t i = 0; i < length; ++i) {
        out += kNameAlphabet[value % kNameAlphabet.size()];
        value /= kNameAlphabet.size();
    }
    return out;
}

}  // namespace

bool runs_as_stateful_set(Service s) { return s == Service::Sts || s == Service::Gateway; }

std::string chart_pod_name(Service s, int index) {
    const std::string workload = std::string(kChartFullname) + "-" + std::string(name(s));
    if (runs_as_stateful_set(s)) return workload + "-" + std::to_string(index);
    const std::string replica_set = workload + "-" + encode(fnv1a(workload), 10);
    return replica_set + "-" + encode(fnv1a(replica_set + "/" + std::to_string(index)), 5);
}

}  // namespace caracal
