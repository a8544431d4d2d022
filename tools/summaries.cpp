#include "tools/summaries.hpp"

#include <map>

#include "report/advise_report.hpp"
#include "report/check_replications.hpp"
#include "report/compare_report.hpp"
#include "report/sweep_report.hpp"
#include "sim/base/error.hpp"

namespace caracal::tools {

analysis::Summarise summary_of(const std::string& command) {
    static const std::map<std::string, analysis::Summary (*)(const analysis::Results&)> summaries = {
        {kCheckCommand, report::replicated_check_summary},
        {kCompareCommand, report::compare_summary},
        {kSweepCommand, report::sweep_summary},
        {kAdviseCommand, report::advise_summary},
    };
    const auto it = summaries.find(command);
    if (it == summaries.end()) throw sim::InputError(command, {}, "no command of this name writes shard files");
    return it->second;
}

analysis::Summary run_shardable(const std::string& command, nlohmann::ordered_json header,
                                std::vector<std::string> input_files, std::vector<analysis::Case> cases,
                                const ReplicationFlags& replication, const SimulationFlags& simulation) {
    const analysis::Job job{command, summary_of(command), std::move(header), std::move(input_files), std::move(cases),
                            replication_plan(replication, simulation)};
    return analysis::execute(job, execution_options(replication));
}

}  // namespace caracal::tools
