#include "tools/command_output.hpp"

#include <iostream>

#include "sim/base/error.hpp"
#include "tools/catalog.hpp"
#include "tools/command.hpp"

namespace caracal::tools {

int deliver(const std::string& output_file, const std::function<analysis::Summary()>& produce) {
    try {
        const analysis::Summary out = produce();
        if (output_file.empty()) std::cout << out.text;
        else write_file(output_file, out.text);
        return out.passed ? kExitPass : kExitFail;
    } catch (const sim::InputError& e) {
        std::cerr << e.what() << "\n";
        return kExitBadInput;
    }
}

}  // namespace caracal::tools
