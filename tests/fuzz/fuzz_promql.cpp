// PromQL: parse, and when it parses, print and re-parse. The printed text must parse again and
// print identically (print(parse(print(parse(x)))) == print(parse(x))), and both trees must be
// equal: the printer is what rule overrides and error messages rely on.
#include "sim/promql/parser.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = fuzz::text_of(data, size);
    sim::promql::ExprPtr first;
    try {
        first = sim::promql::parse(text);
    } catch (const sim::promql::ParseError&) {
        return 0;  // refused with a position: the expected outcome for most inputs
    }
    const std::string printed = sim::promql::to_string(*first);
    sim::promql::ExprPtr second;
    try {
        second = sim::promql::parse(printed);
    } catch (const sim::promql::ParseError& e) {
        fuzz::broken("printed form does not parse: `" + printed + "`: " + e.what());
    }
    if (sim::promql::to_string(*second) != printed)
        fuzz::broken("print is not stable: `" + printed + "` -> `" + sim::promql::to_string(*second) + "`");
    if (!sim::promql::equal(*first, *second)) fuzz::broken("re-parsed tree differs for `" + printed + "`");
    return 0;
}
