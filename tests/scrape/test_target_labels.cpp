#include <catch2/catch.hpp>

#include "sim/scrape/target_labels.hpp"

using sim::scrape::attach_target_labels;
using sim::tsdb::Labels;

TEST_CASE("target labels are added to exposed series that lack them") {
    const Labels out = attach_target_labels(Labels{{"__name__", "x_total"}, {"code", "200"}},
                                            Labels{{"job", "api"}, {"instance", "api-0"}});
    CHECK(out == Labels{{"__name__", "x_total"}, {"code", "200"}, {"job", "api"}, {"instance", "api-0"}});
}

TEST_CASE("an exposed label that conflicts with a target label is renamed exported_<name>") {
    const Labels out = attach_target_labels(Labels{{"__name__", "x"}, {"job", "inner"}, {"instance", "api-0"}},
                                            Labels{{"job", "api"}, {"instance", "api-0"}});
    // Even an equal value is displaced, as in Prometheus.
    CHECK(out == Labels{{"__name__", "x"},
                        {"job", "api"},
                        {"exported_job", "inner"},
                        {"instance", "api-0"},
                        {"exported_instance", "api-0"}});
}

TEST_CASE("a taken exported_ name is prefixed again") {
    const Labels out = attach_target_labels(Labels{{"__name__", "x"}, {"job", "a"}, {"exported_job", "b"}},
                                            Labels{{"job", "api"}});
    CHECK(out.get("job") == "api");
    CHECK(out.get("exported_job") == "b");
    CHECK(out.get("exported_exported_job") == "a");
}
