#include "sim/alerting/rule_file_cache.hpp"

#include <map>
#include <mutex>
#include <utility>

namespace sim::alerting {

namespace {

struct LoadedFiles {
    std::mutex mutex;
    // By (path, content): the path is part of the result (group phases hash it, errors name it).
    std::map<std::pair<std::string, std::string>, RuleSet> by_file;
};

LoadedFiles& loaded_files() {
    static LoadedFiles files;
    return files;
}

}  // namespace

RuleSet load_rule_file_cached(const std::string& path) {
    std::pair<std::string, std::string> key{path, read_rule_file(path)};
    LoadedFiles& files = loaded_files();
    const std::lock_guard lock(files.mutex);
    auto it = files.by_file.find(key);
    if (it == files.by_file.end()) {
        RuleSet parsed = load_rule_text(key.second, path);
        it = files.by_file.emplace(std::move(key), std::move(parsed)).first;
    }
    return it->second.clone();
}

}  // namespace sim::alerting
