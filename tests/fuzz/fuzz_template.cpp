// Go text/template as alert annotations use it: parse, then expand against a fixed alert. Expansion
// never throws (failures become Prometheus' `<error expanding template: ...>` text).
#include "sim/alerting/template.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const sim::tsdb::Labels labels = sim::tsdb::Labels::from_map({{"job", "api"}, {"instance", "a:9090"}});
    static const sim::tsdb::Labels external = sim::tsdb::Labels::from_map({{"cluster", "c1"}});
    static const std::string url = "http://prometheus";
    try {
        const sim::alerting::Template t(fuzz::text_of(data, size));
        t.expand({labels, 42.5, external, url, "FuzzAlert"});
    } catch (const sim::alerting::TemplateError&) {
    }
    return 0;
}
