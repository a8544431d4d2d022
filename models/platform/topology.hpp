// The dependency graph of a deployment (Boost.Graph): components are services or datastores; an
// edge "A depends on B" is hard (A's readiness requires B) or soft (A only degrades without B).
// What a component's failure reaches follows the edges backwards: dependents over hard edges only
// become unready; dependents reached only through some soft edge are degraded.
#pragma once

#include <string>
#include <string_view>
#include <map>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

namespace caracal {

enum class ComponentKind { Service, Datastore };
enum class DependencyKind { Hard, Soft };

struct Component {
    std::string name;
    ComponentKind kind = ComponentKind::Service;
};

struct Dependency {
    DependencyKind kind = DependencyKind::Hard;
};

// Names sorted, the failed component itself excluded.
struct BlastRadius {
    std::vector<std::string> unready;
    std::vector<std::string> degraded;
};

class Topology {
public:
    // Throws std::invalid_argument on an empty or duplicate name.
    void add_component(const std::string& name, ComponentKind kind);
    // `dependent` depends on `dependency`. Unknown names, self-dependencies and a second edge
    // between the same pair throw std::invalid_argument.
    void add_dependency(std::string_view dependent, std::string_view dependency, DependencyKind kind);

    bool has(std::string_view name) const;
    // Unknown names throw std::invalid_argument, here and below.
    ComponentKind kind(std::string_view name) const;
    // Direct dependencies, sorted by name.
    std::vector<std::string> dependencies_of(std::string_view name) const;

    // Everything that transitively depends on `name`.
    BlastRadius blast_radius(std::string_view name) const;

    // Graphviz DOT: nodes sorted by name (services boxes, datastores cylinders), then edges sorted
    // by (dependent, dependency), soft ones dashed.
    std::string to_dot(std::string_view graph_name = "topology") const;

private:
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Component, Dependency>;
    using Vertex = Graph::vertex_descriptor;

    Vertex vertex(std::string_view name) const;

    Graph graph_;
    std::map<std::string, Vertex, std::less<>> by_name_;
};

}  // namespace caracal
