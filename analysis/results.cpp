#include "analysis/results.hpp"

namespace caracal::analysis {

std::vector<const Outcome*> Results::replications_of(std::size_t case_index) const {
    std::vector<const Outcome*> out;
    const std::size_t runs = plan.runs_per_case();
    for (std::size_t r = 0; r < runs; ++r) out.push_back(&outcomes[case_index * runs + r]);
    return out;
}

}  // namespace caracal::analysis
