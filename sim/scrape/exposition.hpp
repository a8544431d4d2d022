// The Prometheus text exposition format (version 0.0.4) of one /metrics page: what a client
// library writes and a real Prometheus parses. Samples are grouped into families by metric name,
// each family headed by its HELP and TYPE lines.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sim/scrape/target.hpp"

namespace sim::scrape {

inline constexpr const char* kExpositionContentType = "text/plain; version=0.0.4; charset=utf-8";

enum class MetricType { Counter, Gauge, Untyped };

// What the exposing code declares about a metric name; the registry does not keep it.
struct MetricFamilyInfo {
    MetricType type = MetricType::Untyped;
    std::string help;
};

using DescribeFamily = std::function<MetricFamilyInfo(const std::string& name)>;

// The page of `samples` (each with __name__): families in name order, each family's samples in the
// order given (Registry::expose sorts them); no HELP line where the help is empty.
std::string render_exposition(const std::vector<ExposedSample>& samples, const DescribeFamily& describe);

}  // namespace sim::scrape
