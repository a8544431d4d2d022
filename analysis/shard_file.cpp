#include "analysis/shard_file.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "sim/base/error.hpp"
#include "sim/base/input_file.hpp"
#include "sim/base/stable_hash.hpp"

namespace caracal::analysis {

namespace {

constexpr const char* kFormat = "caracal-twin-shard/1";

std::string read_bytes(const std::string& path) {
    return sim::read_input_file(path, "cannot read the file");
}

std::string hex(std::uint64_t value) {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

// The parts of a shard every other shard of the same run must share.
std::string run_identity(const ShardFile& f) {
    return f.command + " " + f.fingerprint + " N=" + std::to_string(f.shard.count) + " cases=" +
           std::to_string(f.cases) + " replications=" + std::to_string(f.plan.replications) +
           " seed=" + std::to_string(f.plan.master_seed);
}

}  // namespace

std::string fingerprint(const std::string& command, const nlohmann::ordered_json& header, const ReplicationPlan& plan,
                        std::size_t cases, const std::vector<std::string>& input_files) {
    const nlohmann::ordered_json run{{"command", command},
                                     {"header", header},
                                     {"replications", plan.replications},
                                     {"master_seed", plan.master_seed},
                                     {"cases", cases}};
    std::uint64_t hash = sim::fnv1a64(run.dump());
    for (const auto& path : input_files) hash = sim::fnv1a64(read_bytes(path), sim::fnv1a64(path + '\0', hash));
    return hex(hash);
}

std::string shard_file_text(const ShardFile& f) {
    nlohmann::ordered_json outcomes = nlohmann::ordered_json::array();
    for (const auto& [unit, outcome] : f.outcomes) outcomes.push_back({{"unit", unit}, {"outcome", to_json(outcome)}});
    const nlohmann::ordered_json doc{{"format", kFormat},
                                     {"command", f.command},
                                     {"fingerprint", f.fingerprint},
                                     {"shard", {{"index", f.shard.index}, {"count", f.shard.count}}},
                                     {"replications", f.plan.replications},
                                     {"master_seed", f.plan.master_seed},
                                     {"cases", f.cases},
                                     {"header", f.header},
                                     {"outcomes", outcomes}};
    return doc.dump() + "\n";
}

ShardFile parse_shard_file(const std::string& text, const std::string& path) {
    try {
        const auto doc = nlohmann::ordered_json::parse(text);
        if (doc.at("format") != kFormat) throw sim::InputError(path, {}, std::string("not a ") + kFormat + " file");
        ShardFile f;
        f.command = doc.at("command").get<std::string>();
        f.fingerprint = doc.at("fingerprint").get<std::string>();
        f.shard = {doc.at("shard").at("index").get<std::size_t>(), doc.at("shard").at("count").get<std::size_t>()};
        f.plan = {doc.at("replications").get<std::size_t>(), doc.at("master_seed").get<std::uint64_t>()};
        f.cases = doc.at("cases").get<std::size_t>();
        f.header = doc.at("header");
        for (const auto& u : doc.at("outcomes"))
            f.outcomes.emplace_back(u.at("unit").get<std::size_t>(), outcome_from_json(u.at("outcome")));
        if (f.shard.index == 0 || f.shard.index > f.shard.count)
            throw sim::InputError(path, {}, "shard index out of range: " + f.shard.text());
        return f;
    } catch (const nlohmann::json::exception& e) {
        throw sim::InputError(path, {}, std::string("not a caracal-twin shard file: ") + e.what());
    }
}

ShardFile read_shard_file(const std::string& path) { return parse_shard_file(read_bytes(path), path); }

Results merge_shards(const std::vector<ShardFile>& files, const std::vector<std::string>& paths) {
    if (files.empty()) throw sim::InputError("merge", {}, "no shard files given");
    const ShardFile& first = files.front();
    const std::size_t units = first.plan.units(first.cases);
    std::vector<std::optional<Outcome>> outcomes(units);
    std::vector<bool> seen(first.shard.count, false);
    for (std::size_t i = 0; i < files.size(); ++i) {
        const ShardFile& f = files[i];
        if (run_identity(f) != run_identity(first))
            throw sim::InputError(paths[i], {}, "not a shard of the same run as " + paths.front() +
                                                    " (another command, input, plan or shard count)");
        if (seen[f.shard.index - 1]) throw sim::InputError(paths[i], {}, "shard " + f.shard.text() + " given twice");
        seen[f.shard.index - 1] = true;
        for (const auto& [unit, outcome] : f.outcomes) {
            if (unit >= units || !f.shard.owns(unit) || outcomes[unit])
                throw sim::InputError(paths[i], {}, "unit " + std::to_string(unit) + " does not belong to shard " +
                                                        f.shard.text());
            outcomes[unit] = outcome;
        }
    }
    for (std::size_t k = 0; k < seen.size(); ++k)
        if (!seen[k]) throw sim::InputError("merge", {}, "shard " + Shard{k + 1, first.shard.count}.text() + " is missing");
    Results results{first.command, first.header, first.plan, first.cases, {}};
    for (std::size_t unit = 0; unit < units; ++unit) {
        if (!outcomes[unit])
            throw sim::InputError(paths.front(), {}, "unit " + std::to_string(unit) + " has no outcome in any shard");
        results.outcomes.push_back(std::move(*outcomes[unit]));
    }
    return results;
}

}  // namespace caracal::analysis
