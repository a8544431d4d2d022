// The drill catalog as the tests read it: every scenario file of `scenarios/`, in file-name order.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace caracal::testing {

inline std::vector<Scenario> catalog() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator("scenarios"))
        if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    std::vector<Scenario> out;
    for (const auto& f : files) out.push_back(load_scenario(f));
    return out;
}

}  // namespace caracal::testing
