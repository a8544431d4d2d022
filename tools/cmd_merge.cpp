// `caracal-twin merge FILES... [-o FILE]`: shard files of one run (`--shard K/N` of check,
// compare or sweep) combined into that run's final output, byte for byte what the unsharded run
// prints, with its exit status. Shards of different runs are refused (exit 2).
#include <memory>

#include "analysis/shard_file.hpp"
#include "tools/command.hpp"
#include "tools/command_output.hpp"
#include "tools/summaries.hpp"

namespace caracal::tools {

namespace {

struct MergeOptions {
    std::vector<std::string> files;
    std::string output;
};

int run_merge(const MergeOptions& opts) {
    return deliver(opts.output, [&] {
        std::vector<analysis::ShardFile> shards;
        for (const auto& path : opts.files) shards.push_back(analysis::read_shard_file(path));
        const analysis::Results results = analysis::merge_shards(shards, opts.files);
        return summary_of(results.command)(results);
    });
}

Command setup_merge(CLI::App& app) {
    auto opts = std::make_shared<MergeOptions>();
    CLI::App* sub = app.add_subcommand(
        "merge", "Combine the shard files of one run (--shard K/N) into its final output, as one run prints it");
    sub->add_option("files", opts->files, "Every shard file of the run, in any order")->required();
    sub->add_option("-o,--output", opts->output, "Write the output to this file instead of stdout");
    return {sub, [opts] { return run_merge(*opts); }};
}

const bool registered = register_command(setup_merge);

}  // namespace

}  // namespace caracal::tools
