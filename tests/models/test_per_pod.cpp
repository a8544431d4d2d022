#include <catch2/catch.hpp>

#include <memory>
#include <stdexcept>

#include "models/kube/per_pod.hpp"

using caracal::PerPod;
using caracal::Pod;
using caracal::Service;

TEST_CASE("per-pod state is found by its pod, keeps its address, and refuses strangers and duplicates") {
    Pod sts0(Service::Sts, 0), sts1(Service::Sts, 1), gateway0(Service::Gateway, 0);
    PerPod<int> states;
    int& first = states.add(sts1, std::make_unique<int>(11));
    states.add(sts0, std::make_unique<int>(10));
    CHECK(states[sts0] == 10);
    CHECK(&states[sts1] == &first);
    CHECK(first == 11);
    CHECK_THROWS_AS(states[gateway0], std::logic_error);  // same index, other deployment
    CHECK_THROWS_AS(states.add(sts0, std::make_unique<int>(0)), std::logic_error);
    CHECK(states[sts0] == 10);
    CHECK_THROWS_AS(states[Pod(Service::Sts, 5)], std::out_of_range);
}
