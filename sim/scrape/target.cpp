#include "sim/scrape/target.hpp"

namespace sim::scrape {

ScrapeResult ScrapeResult::success(std::vector<ExposedSample> samples, Duration response_time) {
    return ScrapeResult{Status::Answered, std::move(samples), response_time, kHttpOk};
}

ScrapeResult ScrapeResult::failure(Duration response_time, int http_status) {
    return ScrapeResult{Status::Failed, {}, response_time, http_status};
}

}  // namespace sim::scrape
