#include <catch2/catch.hpp>

#include <stdexcept>
#include <initializer_list>
#include <string>
#include <vector>

#include "models/platform/topology.hpp"

using namespace caracal;
using Names = std::vector<std::string>;

namespace {

constexpr auto kService = ComponentKind::Service;
constexpr auto kDatastore = ComponentKind::Datastore;
constexpr auto kHard = DependencyKind::Hard;
constexpr auto kSoft = DependencyKind::Soft;

struct Edge {
    const char* dependent;
    const char* dependency;
    DependencyKind kind;
};

Topology graph_of(std::initializer_list<Component> components, std::initializer_list<Edge> edges) {
    Topology t;
    for (const Component& c : components) t.add_component(c.name, c.kind);
    for (const Edge& e : edges) t.add_dependency(e.dependent, e.dependency, e.kind);
    return t;
}

// A small web shop: frontend → (checkout, search); checkout → (payments, orders-db);
// payments → orders-db; search -soft-> cache; frontend -soft-> recommendations → cache.
Topology shop() {
    return graph_of({{"frontend", kService},
                     {"checkout", kService},
                     {"search", kService},
                     {"payments", kService},
                     {"recommendations", kService},
                     {"orders-db", kDatastore},
                     {"cache", kDatastore}},
                    {{"frontend", "checkout", kHard},
                     {"frontend", "search", kHard},
                     {"frontend", "recommendations", kSoft},
                     {"checkout", "payments", kHard},
                     {"checkout", "orders-db", kHard},
                     {"payments", "orders-db", kHard},
                     {"search", "cache", kSoft},
                     {"recommendations", "cache", kHard}});
}

}  // namespace

TEST_CASE("the blast radius holds every transitive dependent, unready over hard edges only") {
    const Topology t = shop();
    const BlastRadius db = t.blast_radius("orders-db");
    CHECK(db.unready == Names{"checkout", "frontend", "payments"});
    CHECK(db.degraded.empty());

    // cache: recommendations depends hard, but frontend only softly on recommendations; search
    // degrades, and frontend hard-depends on a degraded search, which degrades it.
    const BlastRadius cache = t.blast_radius("cache");
    CHECK(cache.unready == Names{"recommendations"});
    CHECK(cache.degraded == Names{"frontend", "search"});

    CHECK(t.blast_radius("frontend").unready.empty());
    CHECK(t.blast_radius("frontend").degraded.empty());
}

TEST_CASE("blast radius terminates on dependency cycles and leaves out the failed component") {
    const Topology t = graph_of({{"a", kService}, {"b", kService}, {"c", kService}},
                                {{"a", "b", kHard}, {"b", "a", kHard}, {"c", "a", kSoft}});
    const BlastRadius r = t.blast_radius("a");
    CHECK(r.unready == Names{"b"});
    CHECK(r.degraded == Names{"c"});
}

TEST_CASE("components answer their kind and direct dependencies") {
    const Topology t = shop();
    CHECK(t.has("cache"));
    CHECK_FALSE(t.has("nope"));
    CHECK(t.kind("orders-db") == kDatastore);
    CHECK(t.dependencies_of("checkout") == Names{"orders-db", "payments"});
}

TEST_CASE("DOT output is sorted by name whatever the insertion order, with soft edges dashed") {
    const Topology forward = graph_of({{"api", kService}, {"db", kDatastore}, {"redis", kDatastore}},
                                      {{"api", "db", kHard}, {"api", "redis", kSoft}});
    const Topology backward = graph_of({{"redis", kDatastore}, {"db", kDatastore}, {"api", kService}},
                                       {{"api", "redis", kSoft}, {"api", "db", kHard}});

    const std::string expected =
        "digraph \"caracal\" {\n"
        "  \"api\" [shape=box];\n"
        "  \"db\" [shape=cylinder];\n"
        "  \"redis\" [shape=cylinder];\n"
        "  \"api\" -> \"db\";\n"
        "  \"api\" -> \"redis\" [style=dashed];\n"
        "}\n";
    CHECK(forward.to_dot("caracal") == expected);
    CHECK(backward.to_dot("caracal") == expected);
}

TEST_CASE("DOT quotes names containing quotes") {
    const Topology t = graph_of({{"say \"hi\"", kService}}, {});
    CHECK(t.to_dot().find("\"say \\\"hi\\\"\" [shape=box];") != std::string::npos);
}

TEST_CASE("unknown, duplicate and self-referencing components are rejected") {
    Topology t = shop();
    CHECK_THROWS_AS(t.add_component("cache", kService), std::invalid_argument);
    CHECK_THROWS_AS(t.add_component("", kService), std::invalid_argument);
    CHECK_THROWS_AS(t.add_dependency("frontend", "nope", kHard), std::invalid_argument);
    CHECK_THROWS_AS(t.add_dependency("cache", "cache", kHard), std::invalid_argument);
    CHECK_THROWS_AS(t.add_dependency("frontend", "checkout", kSoft), std::invalid_argument);
    CHECK_THROWS_AS(t.blast_radius("nope"), std::invalid_argument);
}
