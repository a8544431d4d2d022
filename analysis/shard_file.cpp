#include "analysis/shard_file.hpp"

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

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

// A count, index or seed: get<> would wrap a negative number and convert a float without a check
// (undefined behaviour beyond 64 bits).
std::uint64_t whole_number(const nlohmann::ordered_json& parent, const char* field) {
    const auto& j = parent.at(field);
    if (!j.is_number_unsigned()) throw std::domain_error(std::string(field) + " " + j.dump() + " is not a whole number >= 0");
    return j.get<std::uint64_t>();
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
        f.shard = {whole_number(doc.at("shard"), "index"), whole_number(doc.at("shard"), "count")};
        f.plan = {whole_number(doc, "replications"), whole_number(doc, "master_seed")};
        f.cases = whole_number(doc, "cases");
        f.header = doc.at("header");
        for (const auto& u : doc.at("outcomes")) {
            const std::size_t unit = whole_number(u, "unit");
            try {
                f.outcomes.emplace_back(unit, outcome_from_json(u.at("outcome")));
            } catch (const std::domain_error& e) {
                throw std::domain_error("unit " + std::to_string(unit) + ": " + e.what());
            }
        }
        if (f.shard.index == 0 || f.shard.index > f.shard.count)
            throw sim::InputError(path, {}, "shard index out of range: " + f.shard.text());
        return f;
    } catch (const nlohmann::json::exception& e) {
        throw sim::InputError(path, {}, std::string("not a caracal-twin shard file: ") + e.what());
    } catch (const std::domain_error& e) {
        throw sim::InputError(path, {}, e.what());
    }
}

ShardFile read_shard_file(const std::string& path) { return parse_shard_file(read_bytes(path), path); }

Results merge_shards(const std::vector<ShardFile>& files, const std::vector<std::string>& paths) {
    if (files.empty()) throw sim::InputError("merge", {}, "no shard files given");
    const ShardFile& first = files.front();
    // Sparse until checked: a file's counts may be absurd, so nothing is sized by them.
    std::size_t units = 0;
    if (__builtin_mul_overflow(first.cases, first.plan.runs_per_case(), &units))
        throw sim::InputError(paths.front(), {}, "cases x replications overflows");
    std::map<std::size_t, Outcome> outcomes;
    std::set<std::size_t> seen;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const ShardFile& f = files[i];
        if (run_identity(f) != run_identity(first))
            throw sim::InputError(paths[i], {}, "not a shard of the same run as " + paths.front() +
                                                    " (another command, input, plan or shard count)");
        if (!seen.insert(f.shard.index).second)
            throw sim::InputError(paths[i], {}, "shard " + f.shard.text() + " given twice");
        for (const auto& [unit, outcome] : f.outcomes) {
            if (unit >= units || !f.shard.owns(unit) || outcomes.count(unit))
                throw sim::InputError(paths[i], {}, "unit " + std::to_string(unit) + " does not belong to shard " +
                                                        f.shard.text());
            outcomes.emplace(unit, outcome);
        }
    }
    for (std::size_t k = 1; k <= first.shard.count; ++k)
        if (!seen.count(k)) throw sim::InputError("merge", {}, "shard " + Shard{k, first.shard.count}.text() + " is missing");
    Results results{first.command, first.header, first.plan, first.cases, {}};
    for (std::size_t unit = 0; unit < units; ++unit) {
        const auto it = outcomes.find(unit);
        if (it == outcomes.end())
            throw sim::InputError(paths.front(), {}, "unit " + std::to_string(unit) + " has no outcome in any shard");
        results.outcomes.push_back(std::move(it->second));
    }
    return results;
}

}  // namespace caracal::analysis
