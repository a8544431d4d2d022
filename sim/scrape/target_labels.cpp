#include "sim/scrape/target_labels.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace sim::scrape {

tsdb::Labels attach_target_labels(const tsdb::Labels& exposed, const tsdb::Labels& target) {
    tsdb::Labels out = exposed;
    std::vector<tsdb::Label> displaced;
    for (const auto& label : target.items()) {
        if (const auto value = exposed.get(label.name); !value.empty())
            displaced.push_back(tsdb::Label{label.name, std::string(value)});
        out.set(label.name, label.value);
    }
    std::stable_sort(displaced.begin(), displaced.end(),
                     [](const tsdb::Label& a, const tsdb::Label& b) { return a.name.size() < b.name.size(); });
    for (const auto& label : displaced) {
        std::string name = "exported_" + label.name;
        while (out.has(name)) name = "exported_" + name;
        out.set(name, label.value);
    }
    return out;
}

}  // namespace sim::scrape
